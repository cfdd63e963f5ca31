// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TickMath} from "./TickMath.sol";
import {LiquidityMath} from "./LiquidityMath.sol";

/// @title Tick
/// @notice Per-tick state of a 2sAMM pool: maker and taker liquidity nets and the fee growth outside the tick
///         (Uniswap V3's convention), plus the time-premium accumulators of the segment that starts at the tick.
library Tick {
    /// @notice Thrown when a tick's gross liquidity would exceed maxLiquidityPerTick.
    error TickLiquidityOverflow();

    struct Info {
        // maker liquidity added (removed) when the price crosses the tick left to right (right to left)
        int128 makerLiquidityNet;
        // taker liquidity added (removed) when the price crosses the tick left to right
        int128 takerLiquidityNet;
        // maker + taker liquidity referencing the tick; the tick is initialized while it is non-zero
        uint128 liquidityGross;
        // fee growth per unit of active liquidity on the other side of the tick from the current price
        uint256 feeGrowthOutside0X128;
        uint256 feeGrowthOutside1X128;
    }

    /// @notice Time-premium accumulators of the segment [tick, next initialized tick). See docs/amm.md.
    struct Premium {
        // borrow-rate indexes (X64 * seconds) up to which the segment has accrued
        uint128 lastIndex0X64;
        uint128 lastIndex1X64;
        // premium per unit of maker liquidity covering the segment (rounded down), X128, wrapping
        uint256 makerGrowth0X128;
        uint256 makerGrowth1X128;
        // premium per unit of taker liquidity covering the segment (rounded up), X128, wrapping
        uint256 takerGrowth0X128;
        uint256 takerGrowth1X128;
    }

    /// @notice Largest gross liquidity a tick may hold so that the sum over all spaced ticks fits in uint128.
    function tickSpacingToMaxLiquidityPerTick(int24 tickSpacing) internal pure returns (uint128) {
        unchecked {
            int24 minTick = (TickMath.MIN_TICK / tickSpacing) * tickSpacing;
            int24 maxTick = (TickMath.MAX_TICK / tickSpacing) * tickSpacing;
            uint24 numTicks = uint24((maxTick - minTick) / tickSpacing) + 1;
            return type(uint128).max / numTicks;
        }
    }

    /// @notice Fee growth per unit of active liquidity inside [tickLower, tickUpper). Wrapping, as Uniswap V3.
    function getFeeGrowthInside(
        mapping(int24 => Info) storage self,
        int24 tickLower,
        int24 tickUpper,
        int24 tickCurrent,
        uint256 feeGrowthGlobal0X128,
        uint256 feeGrowthGlobal1X128
    ) internal view returns (uint256 feeGrowthInside0X128, uint256 feeGrowthInside1X128) {
        Info storage lower = self[tickLower];
        Info storage upper = self[tickUpper];
        unchecked {
            uint256 below0;
            uint256 below1;
            if (tickCurrent >= tickLower) {
                (below0, below1) = (lower.feeGrowthOutside0X128, lower.feeGrowthOutside1X128);
            } else {
                below0 = feeGrowthGlobal0X128 - lower.feeGrowthOutside0X128;
                below1 = feeGrowthGlobal1X128 - lower.feeGrowthOutside1X128;
            }
            uint256 above0;
            uint256 above1;
            if (tickCurrent < tickUpper) {
                (above0, above1) = (upper.feeGrowthOutside0X128, upper.feeGrowthOutside1X128);
            } else {
                above0 = feeGrowthGlobal0X128 - upper.feeGrowthOutside0X128;
                above1 = feeGrowthGlobal1X128 - upper.feeGrowthOutside1X128;
            }
            feeGrowthInside0X128 = feeGrowthGlobal0X128 - below0 - above0;
            feeGrowthInside1X128 = feeGrowthGlobal1X128 - below1 - above1;
        }
    }

    /// @notice Apply a maker or taker liquidity change at a position bound.
    /// @param makerDelta Signed maker liquidity change of the position (0 for a taker change)
    /// @param takerDelta Signed taker liquidity change of the position (0 for a maker change)
    /// @param upper True for the position's upper bound (nets are subtracted there)
    /// @return flipped Whether the tick went from uninitialized to initialized or back
    function update(
        mapping(int24 => Info) storage self,
        int24 tick,
        int24 tickCurrent,
        int128 makerDelta,
        int128 takerDelta,
        uint256 feeGrowthGlobal0X128,
        uint256 feeGrowthGlobal1X128,
        bool upper,
        uint128 maxLiquidity
    ) internal returns (bool flipped) {
        Info storage info = self[tick];
        uint128 grossBefore = info.liquidityGross;
        // One of the deltas is zero. A removal larger than the tick holds fails as in Uniswap V3 (LiquidityUnderflow).
        uint128 grossAfter = LiquidityMath.addDelta(grossBefore, makerDelta != 0 ? makerDelta : takerDelta);
        if (grossAfter > maxLiquidity) revert TickLiquidityOverflow();
        flipped = (grossAfter == 0) != (grossBefore == 0);

        if (grossBefore == 0) {
            // By convention all growth before initialization happened below the tick.
            if (tick <= tickCurrent) {
                info.feeGrowthOutside0X128 = feeGrowthGlobal0X128;
                info.feeGrowthOutside1X128 = feeGrowthGlobal1X128;
            }
        }
        info.liquidityGross = grossAfter;
        if (upper) {
            info.makerLiquidityNet -= makerDelta;
            info.takerLiquidityNet -= takerDelta;
        } else {
            info.makerLiquidityNet += makerDelta;
            info.takerLiquidityNet += takerDelta;
        }
    }

    /// @notice Delete a tick that no position references any more.
    function clear(mapping(int24 => Info) storage self, int24 tick) internal {
        delete self[tick];
    }

    /// @notice Cross a tick during a swap: flip its outside fee growth.
    /// @return makerLiquidityNet The maker net to add (left to right) or subtract (right to left)
    /// @return takerLiquidityNet The taker net, likewise
    function cross(
        mapping(int24 => Info) storage self,
        int24 tick,
        uint256 feeGrowthGlobal0X128,
        uint256 feeGrowthGlobal1X128
    ) internal returns (int128 makerLiquidityNet, int128 takerLiquidityNet) {
        Info storage info = self[tick];
        unchecked {
            info.feeGrowthOutside0X128 = feeGrowthGlobal0X128 - info.feeGrowthOutside0X128;
            info.feeGrowthOutside1X128 = feeGrowthGlobal1X128 - info.feeGrowthOutside1X128;
        }
        (makerLiquidityNet, takerLiquidityNet) = (info.makerLiquidityNet, info.takerLiquidityNet);
    }
}
