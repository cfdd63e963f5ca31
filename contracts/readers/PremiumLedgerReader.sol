// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITwoSidedPool} from "../interfaces/ITwoSidedPool.sol";
import {IMoneyMarket} from "../interfaces/IMoneyMarket.sol";
import {TickMath} from "../libraries/TickMath.sol";
import {TwoSidedPoolLens} from "../TwoSidedPoolLens.sol";

/// @title PremiumLedgerReader
/// @notice A deployless reader (see PoolSnapshotReader): the premium ledger of a 2sAMM pool as the pool stores it,
///         for the Wasm twin of the premium walk (docs/producers.md): the PremiumState, the block's timestamp and the
///         money market's borrow indexes then, and the Tick.Premium of every initialized tick in call `part`'s share
///         of the bitmap (`bindings/src/producers/ledger.ts` sends `parts` such calls in one batch).
contract PremiumLedgerReader {
    /// @dev TwoSidedPool's storage: _slot0 (0), maker|taker liquidity (1), fee growth globals (2, 3), protocol fees
    ///      (4, 5), then `_s` (PremiumWalk.Storage) from slot 6: ticks (6), bitmap (7), premiums (8), premium (9: index0
    ///      | index1 << 128; 10: borrowIndex0 | borrowIndex1 << 120 | active << 240), summary (11). A Tick.Premium takes
    ///      5 slots: lastIndex0 | lastIndex1 << 128, makerGrowth0, makerGrowth1, takerGrowth0, takerGrowth1.
    ///      test/producers/twins.test.ts checks these against the pool's own premium views.
    uint256 internal constant PREMIUMS_SLOT = 8;
    uint256 internal constant PREMIUM_STATE_SLOT = 9;
    struct TickPremium {
        int24 tick;
        uint128 lastIndex0X64;
        uint128 lastIndex1X64;
        uint256 makerGrowth0X128;
        uint256 makerGrowth1X128;
        uint256 takerGrowth0X128;
        uint256 takerGrowth1X128;
    }

    /// @notice The output, ABI-encoded as one tuple. Field order is what the bindings decode.
    struct Output {
        uint128 index0X64;
        uint128 index1X64;
        uint120 borrowIndex0X64;
        uint120 borrowIndex1X64;
        bool active;
        uint256 timestamp;
        uint256 borrowIndexNow0X64;
        uint256 borrowIndexNow1X64;
        address token0;
        address token1;
        TickPremium[] ticks; // every initialized tick of the share, ascending
    }

    constructor(ITwoSidedPool pool, uint256 part, uint256 parts) {
        Output memory o;
        _state(pool, o);
        o.timestamp = block.timestamp;
        (o.token0, o.token1) = (pool.token0(), pool.token1());
        address mm = pool.moneyMarket();
        if (mm != address(0)) {
            o.borrowIndexNow0X64 = IMoneyMarket(mm).currentBorrowIndexX64(o.token0);
            o.borrowIndexNow1X64 = IMoneyMarket(mm).currentBorrowIndexX64(o.token1);
        }
        int24 spacing = pool.tickSpacing();
        int256 lo = _word(TickMath.MIN_TICK, spacing);
        int256 words = _word(TickMath.MAX_TICK, spacing) - lo + 1;
        int256 first = lo + (words * int256(part)) / int256(parts);
        int256 last = lo + (words * int256(part + 1)) / int256(parts) - 1;
        // Before the first take every accumulator is zero: no tick needs reading.
        if (o.active && last >= first) {
            TwoSidedPoolLens lens = new TwoSidedPoolLens();
            TwoSidedPoolLens.TickView[] memory ts = lens.getTicks(pool, int16(first), int16(last));
            o.ticks = new TickPremium[](ts.length);
            for (uint256 i; i < ts.length; ++i) {
                o.ticks[i] = _premium(pool, ts[i].tick);
            }
        }
        bytes memory ret = abi.encode(o);
        assembly ("memory-safe") {
            return(add(ret, 32), mload(ret))
        }
    }

    function _state(ITwoSidedPool pool, Output memory o) private view {
        uint256 w0 = uint256(pool.extsload(bytes32(PREMIUM_STATE_SLOT)));
        uint256 w1 = uint256(pool.extsload(bytes32(PREMIUM_STATE_SLOT + 1)));
        (o.index0X64, o.index1X64) = (uint128(w0), uint128(w0 >> 128));
        (o.borrowIndex0X64, o.borrowIndex1X64, o.active) = (uint120(w1), uint120(w1 >> 120), (w1 >> 240) & 1 != 0);
    }

    function _premium(ITwoSidedPool pool, int24 tick) private view returns (TickPremium memory p) {
        uint256 slot = uint256(keccak256(abi.encode(int256(tick), PREMIUMS_SLOT)));
        uint256 w = uint256(pool.extsload(bytes32(slot)));
        (p.tick, p.lastIndex0X64, p.lastIndex1X64) = (tick, uint128(w), uint128(w >> 128));
        p.makerGrowth0X128 = uint256(pool.extsload(bytes32(slot + 1)));
        p.makerGrowth1X128 = uint256(pool.extsload(bytes32(slot + 2)));
        p.takerGrowth0X128 = uint256(pool.extsload(bytes32(slot + 3)));
        p.takerGrowth1X128 = uint256(pool.extsload(bytes32(slot + 4)));
    }

    function _word(int24 tick, int24 spacing) private pure returns (int256) {
        int24 compressed = tick / spacing;
        if (tick < 0 && tick % spacing != 0) compressed--;
        return int256(compressed >> 8);
    }
}
