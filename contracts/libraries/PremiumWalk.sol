// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITwoSidedPoolErrors} from "../interfaces/pool/ITwoSidedPoolErrors.sol";
import {FullMath} from "./FullMath.sol";
import {LiquidityMath} from "./LiquidityMath.sol";
import {LiquidityAmounts} from "./LiquidityAmounts.sol";
import {TickMath} from "./TickMath.sol";
import {TickBitmap} from "./TickBitmap.sol";
import {BitMath} from "./BitMath.sol";
import {Tick} from "./Tick.sol";
import {SafeCast} from "./SafeCast.sol";
import {IMoneyMarket} from "../interfaces/IMoneyMarket.sol";
import {ITwoSidedPoolImmutables} from "../interfaces/pool/ITwoSidedPoolImmutables.sol";

/// @title PremiumWalk
/// @notice The 2sAMM's time-premium ledger (docs/amm.md): walks the segments between consecutive initialized ticks
///         over a position's range, accrues each segment's premium to the current premium indexes, checks the
///         taker cap / reserved liquidity, and sums the segments' accumulators for the position. Linked (external
///         functions, run by DELEGATECALL on the pool's storage) to keep the pool under the contract size limit.
/// @dev The premium indexes advance by the growth of the money market's borrow indexes (premiumIndexDeltaX64RoundingUp),
///      never by a rate sampled at one instant: a supply and withdrawal inside one transaction cannot change them.
///      Twin of the index arithmetic and of walkView: assembly/libraries/PremiumWalk.ts (docs/producers.md, "Wasm twins").
library PremiumWalk {
    using TickBitmap for mapping(int16 => uint256);

    uint256 internal constant Q64 = 0x10000000000000000;
    uint256 internal constant Q128 = 0x100000000000000000000000000000000;
    uint256 internal constant PIPS = 1_000_000;

    /// @dev Low 120 bits: the width of the borrow indexes kept in PremiumState.
    uint256 internal constant MASK120 = (1 << 120) - 1;

    /// @notice Emitted (by the pool) when the premium indexes advance: the new indexes and the money market's
    ///         borrow indexes they were advanced to.
    event PremiumIndexes(uint128 index0X64, uint128 index1X64, uint256 borrowIndex0X64, uint256 borrowIndex1X64);

    struct PremiumState {
        uint128 index0X64; // premium index of token0: cost of borrowing one unit, summed over intervals, X64
        uint128 index1X64; // premium index of token1
        uint120 borrowIndex0X64; // the money market's borrow index of token0 at the last advance, mod 2^120
        uint120 borrowIndex1X64; // (the full value is recovered from the index now: lastBorrowIndexX64)
        bool active; // set by the first take: from then on maker actions walk their range
    }

    /// @dev The pool's tick storage and premium state, which the walk reads (and, in run, writes).
    struct Storage {
        mapping(int24 => Tick.Info) ticks;
        mapping(int16 => uint256) bitmap;
        mapping(int24 => Tick.Premium) premiums;
        PremiumState premium;
        // one bit per non-empty bitmap word (bit w & 255 of entry w >> 8), so walks skip empty words
        mapping(int16 => uint256) summary;
    }

    /// @notice Sums and neighbours a position update needs (see WalkResult).
    struct Sums {
        uint256 maker0;
        uint256 maker1;
        uint256 taker0;
        uint256 taker1;
        bool hasPrevLo;
        int24 prevLo;
        bool hasPrevHi;
        int24 prevHi;
        // the indexes the segments were accrued to (new ticks start from them)
        uint128 index0;
        uint128 index1;
    }

    /// @notice Advance the indexes (starting premium tracking if w.activate), walk, write the accrued segments,
    ///         return the sums.
    function run(Storage storage st, WalkParams memory w, address moneyMarket, address token0, address token1)
        external
        returns (Sums memory s)
    {
        (w.index0, w.index1) = _accrueIndexes(st, moneyMarket, token0, token1, w.activate);
        WalkResult memory r = _walk(st, w);
        _write(st, r);
        s = _sums(r);
        (s.index0, s.index1) = (w.index0, w.index1);
    }

    /// @notice Walk to the current (unwritten) indexes, for views: the indexes an accrual at this timestamp would
    ///         write, so a view and a state change at the same time agree to the wei.
    /// @dev The pool's views pass no money market: it is read from the pool's immutables (this runs by DELEGATECALL,
    ///      so address(this) is the pool).
    function walkView(Storage storage st, WalkParams memory w) external view returns (Sums memory s) {
        ITwoSidedPoolImmutables pool = ITwoSidedPoolImmutables(address(this));
        (w.index0, w.index1,,) = _currentIndexes(st.premium, pool.moneyMarket(), pool.token0(), pool.token1());
        s = _sums(_walk(st, w));
        (s.index0, s.index1) = (w.index0, w.index1);
    }

    /// @notice New ticks start accruing from the walk's indexes (adding); deleted ticks merge their accumulators
    ///         into the segment below, so every other position's range sums are unchanged (removing).
    function finishTicks(
        Storage storage st,
        int24 tickLower,
        int24 tickUpper,
        bool flippedLower,
        bool flippedUpper,
        bool adding,
        Sums memory r
    ) external {
        if (adding) {
            if (flippedLower) (st.premiums[tickLower].lastIndex0X64, st.premiums[tickLower].lastIndex1X64) = (r.index0, r.index1);
            if (flippedUpper) (st.premiums[tickUpper].lastIndex0X64, st.premiums[tickUpper].lastIndex1X64) = (r.index0, r.index1);
        } else {
            // Upper first: when both go, the upper may merge into the lower, which then merges below.
            if (flippedUpper) _merge(st, tickUpper, r.hasPrevHi, r.prevHi);
            if (flippedLower) _merge(st, tickLower, r.hasPrevLo, r.prevLo);
        }
    }

    function _merge(Storage storage st, int24 tick, bool hasPrev, int24 prev) private {
        Tick.Premium storage p = st.premiums[tick];
        if (hasPrev) {
            Tick.Premium storage q = st.premiums[prev];
            unchecked {
                q.makerGrowth0X128 += p.makerGrowth0X128;
                q.makerGrowth1X128 += p.makerGrowth1X128;
                q.takerGrowth0X128 += p.takerGrowth0X128;
                q.takerGrowth1X128 += p.takerGrowth1X128;
            }
        }
        delete st.premiums[tick];
        delete st.ticks[tick];
    }

    /// @notice Advance the indexes to the money market's borrow indexes now (premium tracking must be active).
    function accrueIndexes(Storage storage st, address moneyMarket, address token0, address token1) external {
        _accrueIndexes(st, moneyMarket, token0, token1, false);
    }

    /// @notice Growth of the premium index over an interval in which the money market's borrow index went from
    ///         `borrowIndexStartX64` to `borrowIndexEndX64`: what borrowing one unit at the start and repaying it at
    ///         the end cost, X64. Rounded up (it is charged to takers).
    /// @dev Equivalent to ceil((end - start) * 2^64 / start); 0 when the index did not grow (or start is 0: no
    ///      money market). Reverts MulDivOverflow only above 2^256 (growth by a factor 2^192 over the interval).
    function premiumIndexDeltaX64RoundingUp(uint256 borrowIndexStartX64, uint256 borrowIndexEndX64)
        internal
        pure
        returns (uint256)
    {
        if (borrowIndexEndX64 <= borrowIndexStartX64 || borrowIndexStartX64 == 0) return 0;
        unchecked {
            return FullMath.mulDivRoundingUp(borrowIndexEndX64 - borrowIndexStartX64, Q64, borrowIndexStartX64);
        }
    }

    /// @notice The borrow index at the last advance, from its low 120 bits (as PremiumState keeps it) and the
    ///         index now.
    /// @dev Equivalent to the greatest B <= borrowIndexNowX64 with B mod 2^120 == low: exact while the index grew by
    ///      less than 2^120 over the interval (from 1.0 = 2^64, a factor 2^56) and never decreased. A decrease (below
    ///      2^120) gives a value above the index now, so the interval's growth is 0.
    function lastBorrowIndexX64(uint256 borrowIndexNowX64, uint120 low) internal pure returns (uint256) {
        unchecked {
            return borrowIndexNowX64 - ((borrowIndexNowX64 - low) & MASK120);
        }
    }

    /// @notice One token's premium index advanced from the borrow index kept at the last advance (low 120 bits) to
    ///         the borrow index now. Reverts SafeCastOverflow when the index leaves 128 bits.
    function advancePremiumIndexX64(uint128 indexX64, uint120 borrowIndexLow, uint256 borrowIndexNowX64)
        internal
        pure
        returns (uint128)
    {
        uint256 delta = premiumIndexDeltaX64RoundingUp(lastBorrowIndexX64(borrowIndexNowX64, borrowIndexLow), borrowIndexNowX64);
        return SafeCast.toUint128(uint256(indexX64) + delta);
    }

    /// @dev The money market's borrow indexes now ((0, 0) without a money market: no premium).
    function _borrowIndexes(address moneyMarket, address token0, address token1) private view returns (uint256 b0, uint256 b1) {
        if (moneyMarket == address(0)) return (0, 0);
        b0 = IMoneyMarket(moneyMarket).currentBorrowIndexX64(token0);
        b1 = IMoneyMarket(moneyMarket).currentBorrowIndexX64(token1);
    }

    /// @dev The indexes advanced to now, and the borrow indexes they were advanced to.
    function _currentIndexes(PremiumState memory p, address moneyMarket, address token0, address token1)
        private
        view
        returns (uint128 i0, uint128 i1, uint256 b0, uint256 b1)
    {
        if (!p.active) return (0, 0, 0, 0);
        (b0, b1) = _borrowIndexes(moneyMarket, token0, token1);
        i0 = advancePremiumIndexX64(p.index0X64, p.borrowIndex0X64, b0);
        i1 = advancePremiumIndexX64(p.index1X64, p.borrowIndex1X64, b1);
    }

    /// @dev Advance the indexes by the growth of the money market's borrow indexes since the last advance (the
    ///      first take only records them), and record the borrow indexes now. Written only when they moved (at
    ///      most once a block: a market's index is fixed within a block).
    function _accrueIndexes(Storage storage st, address moneyMarket, address token0, address token1, bool activate)
        private
        returns (uint128 i0, uint128 i1)
    {
        PremiumState memory p = st.premium;
        if (!p.active && !activate) return (0, 0);
        uint256 b0;
        uint256 b1;
        if (p.active) {
            (i0, i1, b0, b1) = _currentIndexes(p, moneyMarket, token0, token1);
        } else {
            (b0, b1) = _borrowIndexes(moneyMarket, token0, token1);
        }
        if (!p.active || uint120(b0) != p.borrowIndex0X64 || uint120(b1) != p.borrowIndex1X64) {
            st.premium = PremiumState(i0, i1, uint120(b0), uint120(b1), true);
            emit PremiumIndexes(i0, i1, b0, b1);
        }
    }

    function _sums(WalkResult memory r) private pure returns (Sums memory s) {
        (s.maker0, s.maker1, s.taker0, s.taker1) = (r.maker0, r.maker1, r.taker0, r.taker1);
        (s.hasPrevLo, s.prevLo, s.hasPrevHi, s.prevHi) = (r.hasPrevLo, r.prevLo, r.hasPrevHi, r.prevHi);
    }

    uint8 internal constant CHECK_NONE = 0;
    uint8 internal constant CHECK_CAP = 1; // take: (R + add) x 1e6 <= P x takerCap everywhere in the range
    uint8 internal constant CHECK_RESERVED = 2; // burn: R <= P - sub everywhere in the range

    struct WalkParams {
        uint128 makerLiquidity; // P at the current price
        uint128 takerLiquidity; // R at the current price
        int24 tickSpacing;
        uint24 takerCapPips;
        int24 tickLower;
        int24 tickUpper;
        uint128 index0;
        uint128 index1;
        uint160 sqrtPriceX96;
        int24 tick;
        uint8 check;
        uint128 addTaker;
        uint128 subMaker;
        bool clearLower; // the lower tick will be deleted: its accumulators merge into the segment below
        bool activate; // start premium tracking (first take)
    }

    struct SegmentUpdate {
        int24 tick;
        Tick.Premium premium;
    }

    struct WalkResult {
        // sums over initialized ticks in [tickLower, tickUpper) of the accrued accumulators
        uint256 maker0;
        uint256 maker1;
        uint256 taker0;
        uint256 taker1;
        // start of the segment just below tickLower / the last segment starting below tickUpper
        bool hasPrevLo;
        int24 prevLo;
        bool hasPrevHi;
        int24 prevHi;
        SegmentUpdate[] updates;
        uint256 count;
    }

    /// @dev Walk the segments (between consecutive initialized ticks) from the one just below tickLower to the
    ///      one starting at or below tickUpper: accrue each segment's premium to the current indexes, check the
    ///      taker cap / reserved liquidity on the segments inside the range, and sum the accumulators of the
    ///      segments inside the range. View: the accrued values are returned for _writeWalk.
    function _walk(Storage storage st, WalkParams memory w) internal view returns (WalkResult memory r) {
        r.updates = new SegmentUpdate[](4);
        Cursor memory c = Cursor(w.makerLiquidity, w.takerLiquidity, false, 0, w.tick);
        _seekBelowLower(st, w, c);
        (r.hasPrevLo, r.prevLo) = (c.hasStart, c.start);

        // Segment by segment up to the one starting at or below tickUpper.
        c.cur = w.tickLower - 1;
        while (true) {
            (int24 end, bool found) = _segmentEnd(st, w, c);
            if (c.hasStart) _visit(st, w, r, c, end);
            if (w.check != CHECK_NONE && end > w.tickLower && c.cur < w.tickUpper) _check(w, c);
            if (!found || end > w.tickUpper) break;
            Tick.Info storage info = st.ticks[end];
            c.P = LiquidityMath.addDelta(c.P, info.makerLiquidityNet);
            c.R = LiquidityMath.addDelta(c.R, info.takerLiquidityNet);
            (c.hasStart, c.start, c.cur) = (true, end, end);
        }
    }

    /// @dev Walk state: liquidity of the current segment, its start tick (if an initialized tick starts it) and a
    ///      tick inside it.
    struct Cursor {
        uint128 P;
        uint128 R;
        bool hasStart;
        int24 start;
        int24 cur;
    }

    /// @dev Move the cursor from the current tick to the segment containing tickLower - 1.
    function _seekBelowLower(Storage storage st, WalkParams memory w, Cursor memory c) internal view {
        int24 spacing = w.tickSpacing;
        int24 x0 = w.tickLower - 1;
        if (x0 < w.tick) {
            int24 t = w.tick;
            while (true) {
                (int24 k, bool found) = _nextLeft(st, t, spacing);
                if (!found) break;
                if (k <= x0) {
                    (c.hasStart, c.start) = (true, k);
                    break;
                }
                Tick.Info storage info = st.ticks[k];
                c.P = LiquidityMath.addDelta(c.P, -info.makerLiquidityNet);
                c.R = LiquidityMath.addDelta(c.R, -info.takerLiquidityNet);
                t = k - 1;
            }
        } else {
            int24 t = w.tick;
            while (true) {
                (int24 k, bool found) = _nextRight(st, t, spacing);
                if (!found || k > x0) break;
                Tick.Info storage info = st.ticks[k];
                c.P = LiquidityMath.addDelta(c.P, info.makerLiquidityNet);
                c.R = LiquidityMath.addDelta(c.R, info.takerLiquidityNet);
                (c.hasStart, c.start, t) = (true, k, k);
            }
            // Nothing crossed: the start is the greatest initialized tick at or below the current one. Needed to
            // accrue the segment (R > 0) or to merge a deleted lower tick into it.
            if (!c.hasStart && (c.R > 0 || (w.clearLower && c.P > 0))) {
                (int24 k, bool found) = _nextLeft(st, w.tick, spacing);
                if (found) (c.hasStart, c.start) = (true, k);
            }
        }
    }

    /// @dev The next initialized tick above the cursor (MAX_TICK, false when there is none).
    function _segmentEnd(Storage storage st, WalkParams memory w, Cursor memory c) internal view returns (int24 end, bool found) {
        (end, found) = _nextRight(st, c.cur, w.tickSpacing);
        if (!found) end = TickMath.MAX_TICK;
    }

    /// @dev The smallest initialized tick strictly above `tick`, skipping empty words through the summary.
    function _nextRight(Storage storage st, int24 tick, int24 spacing) private view returns (int24, bool) {
        unchecked {
            int24 compressed = tick / spacing;
            if (tick < 0 && tick % spacing != 0) compressed--;
            compressed++;
            int16 wordPos = int16(compressed >> 8);
            uint8 bitPos = uint8(uint24(compressed % 256));
            uint256 masked = st.bitmap[wordPos] & ~((uint256(1) << bitPos) - 1);
            if (masked == 0) {
                // next non-empty word above wordPos
                int256 w = int256(wordPos) + 1;
                int16 sPos = int16(w >> 8);
                uint256 m = st.summary[sPos] & ~((uint256(1) << uint8(uint256(w) & 255)) - 1);
                while (m == 0) {
                    if (sPos >= 127) return (0, false);
                    m = st.summary[++sPos];
                }
                wordPos = int16(int256(sPos) * 256 + int256(uint256(BitMath.leastSignificantBit(m))));
                masked = st.bitmap[wordPos];
            }
            return ((int24(wordPos) * 256 + int24(uint24(BitMath.leastSignificantBit(masked)))) * spacing, true);
        }
    }

    /// @dev The greatest initialized tick at or below `tick`, skipping empty words through the summary.
    function _nextLeft(Storage storage st, int24 tick, int24 spacing) private view returns (int24, bool) {
        unchecked {
            int24 compressed = tick / spacing;
            if (tick < 0 && tick % spacing != 0) compressed--;
            int16 wordPos = int16(compressed >> 8);
            uint8 bitPos = uint8(uint24(compressed % 256));
            uint256 masked = st.bitmap[wordPos] & ((uint256(1) << bitPos) - 1 + (uint256(1) << bitPos));
            if (masked == 0) {
                // next non-empty word below wordPos
                int256 w = int256(wordPos) - 1;
                int16 sPos = int16(w >> 8);
                uint8 b = uint8(uint256(w) & 255);
                uint256 m = st.summary[sPos] & ((uint256(1) << b) - 1 + (uint256(1) << b));
                while (m == 0) {
                    if (sPos <= -128) return (0, false);
                    m = st.summary[--sPos];
                }
                wordPos = int16(int256(sPos) * 256 + int256(uint256(BitMath.mostSignificantBit(m))));
                masked = st.bitmap[wordPos];
            }
            return ((int24(wordPos) * 256 + int24(uint24(BitMath.mostSignificantBit(masked)))) * spacing, true);
        }
    }

    /// @dev Accrue the cursor's segment, record it, add it to the range sums when inside the range.
    function _visit(Storage storage st, WalkParams memory w, WalkResult memory r, Cursor memory c, int24 end) internal view {
        Tick.Premium memory p = _accrued(st, c.start, end, c.P, c.R, w);
        // Only segments with reservations accrue; the others need their indexes refreshed only before a take puts
        // reservations on them (every take walks its segments first), so maker actions skip those writes.
        if (c.R > 0 || w.check == CHECK_CAP) _push(r, c.start, p);
        if (c.start >= w.tickLower && c.start < w.tickUpper) {
            unchecked {
                r.maker0 += p.makerGrowth0X128;
                r.maker1 += p.makerGrowth1X128;
                r.taker0 += p.takerGrowth0X128;
                r.taker1 += p.takerGrowth1X128;
            }
        }
        if (c.start < w.tickUpper) (r.hasPrevHi, r.prevHi) = (true, c.start);
    }

    /// @dev take: (R + L) x 1e6 <= P x cap; burn: R <= P - L (makers may withdraw whatever is not reserved).
    ///      P < L on a burn is an over-burn, which the position update reports as LiquidityUnderflow.
    function _check(WalkParams memory w, Cursor memory c) internal pure {
        if (w.check == CHECK_CAP) {
            if ((uint256(c.R) + w.addTaker) * PIPS > uint256(c.P) * w.takerCapPips) {
                revert ITwoSidedPoolErrors.TakerCapExceeded();
            }
        } else if (c.P >= w.subMaker && c.R > c.P - w.subMaker) {
            revert ITwoSidedPoolErrors.LiquidityReserved();
        }
    }

    /// @dev The accumulators of segment [start, end) brought up to the walk's indexes. The premium is the borrow
    ///      rate on the tokens underlying the segment's reserved liquidity R at the current price; per unit of R it
    ///      is charged to takers (rounded up), per unit of maker liquidity P it is credited to makers (rounded down).
    function _accrued(Storage storage st, int24 start, int24 end, uint128 P, uint128 R, WalkParams memory w)
        internal
        view
        returns (Tick.Premium memory p)
    {
        p = st.premiums[start];
        if (R > 0) {
            uint256 d0;
            uint256 d1;
            unchecked {
                d0 = w.index0 - p.lastIndex0X64;
                d1 = w.index1 - p.lastIndex1X64;
            }
            if (d0 != 0 || d1 != 0) {
                (uint256 a0, uint256 a1) = LiquidityAmounts.getAmountsForTicks(w.sqrtPriceX96, start, end, R, true);
                if (a0 != 0 && d0 != 0) {
                    uint256 prem = FullMath.mulDivRoundingUp(a0, d0, Q64);
                    unchecked {
                        p.takerGrowth0X128 += FullMath.mulDivRoundingUp(prem, Q128, R);
                        p.makerGrowth0X128 += FullMath.mulDiv(prem, Q128, P);
                    }
                }
                if (a1 != 0 && d1 != 0) {
                    uint256 prem = FullMath.mulDivRoundingUp(a1, d1, Q64);
                    unchecked {
                        p.takerGrowth1X128 += FullMath.mulDivRoundingUp(prem, Q128, R);
                        p.makerGrowth1X128 += FullMath.mulDiv(prem, Q128, P);
                    }
                }
            }
        }
        (p.lastIndex0X64, p.lastIndex1X64) = (w.index0, w.index1);
    }

    function _push(WalkResult memory r, int24 tick, Tick.Premium memory p) private pure {
        if (r.count == r.updates.length) {
            SegmentUpdate[] memory grown = new SegmentUpdate[](r.count * 2);
            for (uint256 i; i < r.count; ++i) grown[i] = r.updates[i];
            r.updates = grown;
        }
        r.updates[r.count++] = SegmentUpdate(tick, p);
    }

    function _write(Storage storage st, WalkResult memory r) internal {
        for (uint256 i; i < r.count; ++i) {
            SegmentUpdate memory u = r.updates[i];
            Tick.Premium storage p = st.premiums[u.tick];
            if (p.lastIndex0X64 != u.premium.lastIndex0X64 || p.lastIndex1X64 != u.premium.lastIndex1X64) {
                st.premiums[u.tick] = u.premium;
            }
        }
    }

}
