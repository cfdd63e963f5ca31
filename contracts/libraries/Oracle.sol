// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITwoSidedPoolErrors} from "../interfaces/pool/ITwoSidedPoolErrors.sol";

/// @title Oracle
/// @notice The pool's price and liquidity history: a ring buffer of up to 65,535 observations of the cumulative
///         tick (tick x seconds) and the cumulative seconds per unit of active liquidity, with Uniswap V3's
///         semantics (same functions, same results), so a reader of Uniswap V3 pools reads 2sAMM pools too.
/// @dev The buffer holds `cardinality` observations, the newest at `index`, the oldest at `index + 1` (mod
///      cardinality) or, while slots added by `grow` are not yet written, at 0. The pool keeps index, cardinality
///      and cardinalityNext in its slot0. A write records the values in force *before* the block's first change,
///      so nothing done inside one block moves what the buffer says about that block (docs/amm.md, Price oracle).
///      Writes and grow are internal (compiled into the pool); observe, the bulk of the code, is reached through
///      observeEncoded, external and linked like PremiumWalk (run by DELEGATECALL on the pool's storage), to keep
///      the pool under the contract size limit.
library Oracle {
    struct Observation {
        uint32 blockTimestamp; // when the observation was written (block.timestamp mod 2^32)
        int56 tickCumulative; // sum of tick x seconds since the pool was initialized (wraps, as in Uniswap V3)
        uint160 secondsPerLiquidityCumulativeX128; // sum of seconds / max(1, active liquidity), X128 (wraps)
        bool initialized; // false for a slot only pre-touched by grow
    }

    /*//////////////////////////////////////////////////////////////
                                 WRITES
    //////////////////////////////////////////////////////////////*/

    /// @notice The accumulators of `last` carried forward to `blockTimestamp` at a constant tick and liquidity.
    /// @dev blockTimestamp is at or after last.blockTimestamp, less than 2^32 seconds later (the uint32
    ///      difference is then the elapsed time across a wrap). Accumulators wrap as in Uniswap V3 (readers take
    ///      differences).
    function transform(Observation memory last, uint32 blockTimestamp, int24 tick, uint128 liquidity)
        internal
        pure
        returns (Observation memory)
    {
        unchecked {
            uint32 elapsed = blockTimestamp - last.blockTimestamp;
            return Observation({
                blockTimestamp: blockTimestamp,
                tickCumulative: last.tickCumulative + int56(tick) * int56(uint56(elapsed)),
                // elapsed < 2^32, so elapsed << 128 fits 160 bits; zero liquidity counts as one
                secondsPerLiquidityCumulativeX128: last.secondsPerLiquidityCumulativeX128
                    + (uint160(elapsed) << 128) / (liquidity > 0 ? liquidity : 1),
                initialized: true
            });
        }
    }

    /// @notice Write the first observation (zero accumulators at `time`); the buffer then holds one.
    /// @return cardinality The number of written observations (1)
    /// @return cardinalityNext The number of slots the buffer may use (1, Uniswap V3's default)
    function initialize(Observation[65535] storage self, uint32 time)
        internal
        returns (uint16 cardinality, uint16 cardinalityNext)
    {
        _store(self[0], time, 0, 0);
        return (1, 1);
    }

    /// @notice Record that `tick` and `liquidity` were in force from the newest observation until `blockTimestamp`.
    /// @dev At most one write per block: a second write in the block is a no-op, so the block's record is the state
    ///      before its first change. The buffer grows into the slots `grow` prepared only when the index wraps at
    ///      cardinality - 1, so the observations stay in time order from the oldest slot.
    ///      Equivalent to `self[indexUpdated] = transform(self[index], blockTimestamp, tick, liquidity)`, on the
    ///      packed storage word (Solidity's layout of Observation, low bits first: blockTimestamp 0-31,
    ///      tickCumulative 32-87, secondsPerLiquidityCumulativeX128 88-247, initialized 248), which keeps the
    ///      pool under the size limit.
    /// @param index The slot of the newest observation
    /// @param cardinality The number of observations in the buffer (> 0)
    /// @param cardinalityNext The number of slots the buffer may grow to
    /// @return indexUpdated The slot of the newest observation after the write
    /// @return cardinalityUpdated The number of observations after the write
    function write(
        Observation[65535] storage self,
        uint16 index,
        uint32 blockTimestamp,
        int24 tick,
        uint128 liquidity,
        uint16 cardinality,
        uint16 cardinalityNext
    ) internal returns (uint16 indexUpdated, uint16 cardinalityUpdated) {
        Observation storage last = self[index];
        uint256 word;
        assembly ("memory-safe") {
            word := sload(last.slot)
        }
        uint32 lastTimestamp = uint32(word);
        if (lastTimestamp == blockTimestamp) return (index, cardinality);
        cardinalityUpdated = cardinality;
        unchecked {
            if (index == cardinality - 1 && cardinalityNext > cardinality) cardinalityUpdated = cardinalityNext;
            // index + 1 <= 65535 fits uint16
            indexUpdated = (index + 1) % cardinalityUpdated;
            // transform, on the unpacked fields of `last`
            uint32 elapsed = blockTimestamp - lastTimestamp;
            int56 tickCumulative = int56(uint56(word >> 32)) + int56(tick) * int56(uint56(elapsed));
            uint160 secondsPerLiquidityCumulativeX128 =
                uint160(word >> 88) + (uint160(elapsed) << 128) / (liquidity > 0 ? liquidity : 1);
            _store(self[indexUpdated], blockTimestamp, tickCumulative, secondsPerLiquidityCumulativeX128);
        }
    }

    /// @dev Equivalent to `o = Observation(blockTimestamp, tickCumulative, secondsPerLiquidityCumulativeX128, true)`,
    ///      as one store of the packed word (see write); each field is masked (assembly sees dirty high bits).
    function _store(Observation storage o, uint32 blockTimestamp, int56 tickCumulative, uint160 secondsPerLiquidityCumulativeX128)
        private
    {
        assembly ("memory-safe") {
            sstore(
                o.slot,
                or(
                    or(and(blockTimestamp, 0xffffffff), shl(32, and(tickCumulative, 0xffffffffffffff))),
                    or(shl(88, and(secondsPerLiquidityCumulativeX128, 0xffffffffffffffffffffffffffffffffffffffff)), shl(248, 1))
                )
            )
        }
    }

    /// @notice Let the buffer use up to `next` slots (it fills them as it wraps).
    /// @dev Each new slot gets blockTimestamp 1 now (initialized stays false, so readers skip it): the write that
    ///      later fills it then changes a non-zero slot, which costs a swap far less than a fresh one.
    /// @param current The current cardinalityNext (> 0)
    /// @return The new cardinalityNext: max(current, next)
    function grow(Observation[65535] storage self, uint16 current, uint16 next) internal returns (uint16) {
        if (next <= current) return current;
        // Slots from cardinalityNext on were never written (write stays below it): each is a zero word, and
        // `self[i].blockTimestamp = 1` is one store of 1 (next <= 65535 keeps i in the array).
        unchecked {
            for (uint256 i = current; i < next; ++i) {
                assembly ("memory-safe") {
                    sstore(add(self.slot, i), 1)
                }
            }
        }
        return next;
    }

    /*//////////////////////////////////////////////////////////////
                                 READS
    //////////////////////////////////////////////////////////////*/

    /// @notice Whether `a` is at or before `b`, both at or before `time` and less than 2^32 seconds before it.
    /// @dev Compares ages: time - a >= time - b in uint32 arithmetic, which is right across one timestamp wrap.
    ///      Equivalent to Uniswap V3's comparison of the timestamps lifted past the wrap by 2^32.
    function lte(uint32 time, uint32 a, uint32 b) private pure returns (bool) {
        unchecked {
            return time - a >= time - b;
        }
    }

    /// @notice The observation `k` places after the oldest, when the oldest is in slot `oldest`.
    function _at(Observation[65535] storage self, uint256 oldest, uint256 k, uint16 cardinality)
        private
        view
        returns (Observation storage)
    {
        unchecked {
            return self[(oldest + k) % cardinality];
        }
    }

    /// @notice The two consecutive observations around `target`, strictly between the oldest (at or before) and
    ///         the newest (after), given the oldest's slot and the number of written observations.
    /// @dev Binary search on positions counted from the oldest. Invariant: observation lo is at or before the
    ///      target, observation hi after it. Observations have distinct timestamps (one write per block), so the
    ///      pair is unique and beforeOrAt.blockTimestamp <= target < atOrAfter.blockTimestamp.
    function binarySearch(
        Observation[65535] storage self,
        uint32 time,
        uint32 target,
        uint256 oldest,
        uint256 count,
        uint16 cardinality
    ) private view returns (Observation memory beforeOrAt, Observation memory atOrAfter) {
        unchecked {
            uint256 lo = 0;
            uint256 hi = count - 1;
            while (hi - lo > 1) {
                uint256 mid = (lo + hi) >> 1;
                if (lte(time, _at(self, oldest, mid, cardinality).blockTimestamp, target)) lo = mid;
                else hi = mid;
            }
            beforeOrAt = _at(self, oldest, lo, cardinality);
            atOrAfter = _at(self, oldest, lo + 1, cardinality);
        }
    }

    /// @notice The observations at or before and at or after `target`; past the newest, the newest and its
    ///         counterfactual extension to `target` at the current tick and liquidity.
    /// @dev Reverts ObservationTooOld when target is before the oldest observation.
    function getSurroundingObservations(
        Observation[65535] storage self,
        uint32 time,
        uint32 target,
        int24 tick,
        uint16 index,
        uint128 liquidity,
        uint16 cardinality
    ) private view returns (Observation memory beforeOrAt, Observation memory atOrAfter) {
        beforeOrAt = self[index];
        if (lte(time, beforeOrAt.blockTimestamp, target)) {
            // At the newest observation atOrAfter is not needed (observeSingle returns beforeOrAt).
            if (beforeOrAt.blockTimestamp != target) atOrAfter = transform(beforeOrAt, target, tick, liquidity);
            return (beforeOrAt, atOrAfter);
        }
        unchecked {
            // The oldest follows the newest, unless that slot was only prepared by grow: then the buffer has not
            // wrapped since it grew and slots 0..index hold every observation.
            uint256 oldest = (uint256(index) + 1) % cardinality;
            uint256 count = cardinality;
            if (!self[oldest].initialized) (oldest, count) = (0, uint256(index) + 1);
            if (!lte(time, self[oldest].blockTimestamp, target)) revert ITwoSidedPoolErrors.ObservationTooOld();
            return binarySearch(self, time, target, oldest, count, cardinality);
        }
    }

    /// @notice The accumulators as of `secondsAgo` before `time`: an observation's when one was written then,
    ///         interpolated linearly between the two around it, or the newest carried forward at the current
    ///         tick and liquidity when it is after the newest.
    /// @dev Reverts ObservationTooOld before the oldest observation. The interpolation rounds as Uniswap V3's:
    ///      the tick rate truncates toward zero before it is multiplied, the seconds per liquidity rounds down.
    /// @param time The current block timestamp (mod 2^32)
    /// @param tick The current tick
    /// @param index The slot of the newest observation
    /// @param liquidity The current active liquidity
    /// @param cardinality The number of observations in the buffer (> 0)
    function observeSingle(
        Observation[65535] storage self,
        uint32 time,
        uint32 secondsAgo,
        int24 tick,
        uint16 index,
        uint128 liquidity,
        uint16 cardinality
    ) private view returns (int56 tickCumulative, uint160 secondsPerLiquidityCumulativeX128) {
        if (secondsAgo == 0) {
            Observation memory last = self[index];
            if (last.blockTimestamp != time) last = transform(last, time, tick, liquidity);
            return (last.tickCumulative, last.secondsPerLiquidityCumulativeX128);
        }
        unchecked {
            uint32 target = time - secondsAgo;
            (Observation memory beforeOrAt, Observation memory atOrAfter) =
                getSurroundingObservations(self, time, target, tick, index, liquidity, cardinality);
            if (target == beforeOrAt.blockTimestamp) {
                return (beforeOrAt.tickCumulative, beforeOrAt.secondsPerLiquidityCumulativeX128);
            }
            if (target == atOrAfter.blockTimestamp) {
                return (atOrAfter.tickCumulative, atOrAfter.secondsPerLiquidityCumulativeX128);
            }
            uint32 span = atOrAfter.blockTimestamp - beforeOrAt.blockTimestamp;
            uint32 part = target - beforeOrAt.blockTimestamp;
            tickCumulative = beforeOrAt.tickCumulative
                + ((atOrAfter.tickCumulative - beforeOrAt.tickCumulative) / int56(uint56(span))) * int56(uint56(part));
            // The difference is < 2^160 and part < 2^32: the product fits 256 bits.
            secondsPerLiquidityCumulativeX128 = beforeOrAt.secondsPerLiquidityCumulativeX128
                + uint160(
                    uint256(atOrAfter.secondsPerLiquidityCumulativeX128 - beforeOrAt.secondsPerLiquidityCumulativeX128)
                        * part / span
                );
        }
    }

    /// @notice observeSingle for each of `secondsAgos` (Uniswap V3's observe).
    function observe(
        Observation[65535] storage self,
        uint32 time,
        uint32[] calldata secondsAgos,
        int24 tick,
        uint16 index,
        uint128 liquidity,
        uint16 cardinality
    ) internal view returns (int56[] memory tickCumulatives, uint160[] memory secondsPerLiquidityCumulativeX128s) {
        uint256 n = secondsAgos.length;
        tickCumulatives = new int56[](n);
        secondsPerLiquidityCumulativeX128s = new uint160[](n);
        for (uint256 i = 0; i < n; ++i) {
            (tickCumulatives[i], secondsPerLiquidityCumulativeX128s[i]) =
                observeSingle(self, time, secondsAgos[i], tick, index, liquidity, cardinality);
        }
    }

    /// @notice observe at the current block timestamp, ABI-encoded as the pool's observe returns it.
    /// @dev The pool's entry point (linked, run by DELEGATECALL): the pool returns these bytes as they are, which
    ///      keeps its side of the call small.
    function observeEncoded(
        Observation[65535] storage self,
        uint32[] calldata secondsAgos,
        int24 tick,
        uint16 index,
        uint128 liquidity,
        uint16 cardinality
    ) external view returns (bytes memory) {
        (int56[] memory tickCumulatives, uint160[] memory secondsPerLiquidityCumulativeX128s) =
            observe(self, uint32(block.timestamp), secondsAgos, tick, index, liquidity, cardinality);
        return abi.encode(tickCumulatives, secondsPerLiquidityCumulativeX128s);
    }
}
