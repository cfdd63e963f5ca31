// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {FullMath} from "./FullMath.sol";
import {TickMath} from "./TickMath.sol";
import {LiquidityAmounts} from "./LiquidityAmounts.sol";

/// @title UniswapV3PositionValue
/// @notice The Record of a Uniswap V3 liquidity position at its pool's current price: token amounts
///         plus uncollected fees as credits, no debt, and a delta for the value the position loses to
///         its own rebalancing if the price moves by `moveTicks` either way. Pure math over the pool's
///         and the position's state. Twin of `uniswapV3PositionRecord` in bindings/src/integrators.ts.
library UniswapV3PositionValue {
    uint256 internal constant Q96 = 1 << 96;
    uint256 internal constant Q128 = 1 << 128;
    uint256 internal constant MAX128 = type(uint128).max;

    /// @notice The pool's state the valuation reads (slot0, global fee growth, the range's ticks).
    struct PoolState {
        uint160 sqrtPriceX96;
        int24 tick;
        uint256 feeGrowthGlobal0X128;
        uint256 feeGrowthGlobal1X128;
        uint256 lowerFeeGrowthOutside0X128;
        uint256 lowerFeeGrowthOutside1X128;
        uint256 upperFeeGrowthOutside0X128;
        uint256 upperFeeGrowthOutside1X128;
    }

    /// @notice The position as the NonfungiblePositionManager stores it.
    struct PositionState {
        int24 tickLower;
        int24 tickUpper;
        uint128 liquidity;
        uint256 feeGrowthInside0LastX128;
        uint256 feeGrowthInside1LastX128;
        uint128 tokensOwed0;
        uint128 tokensOwed1;
    }

    /// @notice Fee growth per unit of liquidity inside [tickLower, tickUpper), as Uniswap's pool computes it
    ///         (modular arithmetic: the values wrap by design).
    function feeGrowthInside(PoolState memory s, int24 tickLower, int24 tickUpper)
        internal
        pure
        returns (uint256 inside0X128, uint256 inside1X128)
    {
        unchecked {
            (uint256 below0, uint256 below1) = s.tick >= tickLower
                ? (s.lowerFeeGrowthOutside0X128, s.lowerFeeGrowthOutside1X128)
                : (s.feeGrowthGlobal0X128 - s.lowerFeeGrowthOutside0X128, s.feeGrowthGlobal1X128 - s.lowerFeeGrowthOutside1X128);
            (uint256 above0, uint256 above1) = s.tick < tickUpper
                ? (s.upperFeeGrowthOutside0X128, s.upperFeeGrowthOutside1X128)
                : (s.feeGrowthGlobal0X128 - s.upperFeeGrowthOutside0X128, s.feeGrowthGlobal1X128 - s.upperFeeGrowthOutside1X128);
            inside0X128 = s.feeGrowthGlobal0X128 - below0 - above0;
            inside1X128 = s.feeGrowthGlobal1X128 - below1 - above1;
        }
    }

    /// @notice Fees the position could collect now: what the position manager already credited plus
    ///         floor(growth since its last update * liquidity / 2^128), as the manager computes on collect.
    function feesOwed(PoolState memory s, PositionState memory p) internal pure returns (uint256 fees0, uint256 fees1) {
        (uint256 inside0, uint256 inside1) = feeGrowthInside(s, p.tickLower, p.tickUpper);
        uint256 growth0;
        uint256 growth1;
        unchecked {
            // Modular differences, as the position manager takes them.
            growth0 = inside0 - p.feeGrowthInside0LastX128;
            growth1 = inside1 - p.feeGrowthInside1LastX128;
        }
        // Cannot overflow: floor((2^256 - 1) * (2^128 - 1) / 2^128) + 2^128 - 1 < 2^256.
        fees0 = p.tokensOwed0 + FullMath.mulDiv(growth0, p.liquidity, Q128);
        fees1 = p.tokensOwed1 + FullMath.mulDiv(growth1, p.liquidity, Q128);
    }

    /// @notice Token amounts of `liquidity` over [sqrtLower, sqrtUpper) at sqrt price `sqrtX`, rounded down
    ///         (what burning it would pay): LiquidityAmounts.getAmountsForLiquidity, equal to the pool's
    ///         tick-based choice at the pool's own price.
    function amountsAt(uint160 sqrtX, uint160 sqrtLower, uint160 sqrtUpper, uint128 liquidity)
        internal
        pure
        returns (uint256 amount0, uint256 amount1)
    {
        return LiquidityAmounts.getAmountsForLiquidity(sqrtX, sqrtLower, sqrtUpper, liquidity, false);
    }

    /// @notice The sqrt prices `moveTicks` above and below `sqrtPriceX96` (rounded down, clamped to the
    ///         valid range): sqrtP * sqrt(1.0001^(+-moveTicks)).
    function movedSqrtPrices(uint160 sqrtPriceX96, int24 moveTicks) internal pure returns (uint160 sqrtUp, uint160 sqrtDown) {
        uint256 up = FullMath.mulDiv(sqrtPriceX96, TickMath.getSqrtRatioAtTick(moveTicks), Q96);
        uint256 down = FullMath.mulDiv(sqrtPriceX96, TickMath.getSqrtRatioAtTick(-moveTicks), Q96);
        sqrtUp = up > TickMath.MAX_SQRT_RATIO ? TickMath.MAX_SQRT_RATIO : uint160(up);
        sqrtDown = down < TickMath.MIN_SQRT_RATIO ? TickMath.MIN_SQRT_RATIO : uint160(down);
    }

    /// @notice The delta: what the position loses against simply holding its current amounts if the price
    ///         moves `moveTicks` either way. Price up to Pu: it sells `sold0` token0 and receives `got1`
    ///         token1; the loss in token1 is ceil(sold0 * Pu) - got1. Price down to Pd: the loss in token0
    ///         is ceil(sold1 / Pd) - got0. Both are reported (only one move can happen, so this is
    ///         conservative); amounts are capped at 2^128 - 1 so the Record stays valid.
    function gammaDelta(
        uint160 sqrtPriceX96,
        uint160 sqrtLower,
        uint160 sqrtUpper,
        uint128 liquidity,
        uint256 amount0,
        uint256 amount1,
        int24 moveTicks
    ) internal pure returns (uint256 delta0, uint256 delta1) {
        (uint160 sqrtUp, uint160 sqrtDown) = movedSqrtPrices(sqrtPriceX96, moveTicks);
        delta1 = lossUp(sqrtUp, sqrtLower, sqrtUpper, liquidity, amount0, amount1);
        delta0 = lossDown(sqrtDown, sqrtLower, sqrtUpper, liquidity, amount0, amount1);
    }

    /// @notice Price up to `sqrtUp`: token0 sold for token1; the loss in token1 (amounts are monotonic in
    ///         the price, so the differences cannot underflow).
    function lossUp(uint160 sqrtUp, uint160 sqrtLower, uint160 sqrtUpper, uint128 liquidity, uint256 amount0, uint256 amount1)
        internal
        pure
        returns (uint256)
    {
        (uint256 up0, uint256 up1) = amountsAt(sqrtUp, sqrtLower, sqrtUpper, liquidity);
        uint256 sold0 = _min(amount0 - up0, MAX128);
        uint256 sold0In1 = FullMath.mulDivRoundingUp(FullMath.mulDivRoundingUp(sold0, sqrtUp, Q96), sqrtUp, Q96);
        uint256 got1 = up1 - amount1;
        return sold0In1 > got1 ? _min(sold0In1 - got1, MAX128) : 0;
    }

    /// @notice Price down to `sqrtDown`: token1 sold for token0; the loss in token0.
    function lossDown(uint160 sqrtDown, uint160 sqrtLower, uint160 sqrtUpper, uint128 liquidity, uint256 amount0, uint256 amount1)
        internal
        pure
        returns (uint256)
    {
        (uint256 down0, uint256 down1) = amountsAt(sqrtDown, sqrtLower, sqrtUpper, liquidity);
        uint256 sold1 = _min(amount1 - down1, MAX128);
        uint256 sold1In0 = FullMath.mulDivRoundingUp(FullMath.mulDivRoundingUp(sold1, Q96, sqrtDown), Q96, sqrtDown);
        uint256 got0 = down0 - amount0;
        return sold1In0 > got0 ? _min(sold1In0 - got0, MAX128) : 0;
    }

    /// @notice The Record's numbers, per token (token0, token1): credit = amounts + fees (capped at
    ///         2^128 - 1, like the delta, so the Record stays valid: capping a credit only undervalues it),
    ///         delta from `gammaDelta`. Debt is always zero for a liquidity position.
    function record(PoolState memory s, PositionState memory p, int24 moveTicks)
        internal
        pure
        returns (uint256[2] memory credit, uint256[2] memory delta)
    {
        return recordAt(s, p, moveTicks, s.sqrtPriceX96);
    }

    /// @notice `record` with the token amounts and the delta at sqrt price `sqrtPriceX96` (the reference
    ///         valuation); the fees owed are the pool's, from its actual state `s`.
    function recordAt(PoolState memory s, PositionState memory p, int24 moveTicks, uint160 sqrtPriceX96)
        internal
        pure
        returns (uint256[2] memory credit, uint256[2] memory delta)
    {
        uint256 amount0;
        uint256 amount1;
        {
            uint160 sqrtLower = TickMath.getSqrtRatioAtTick(p.tickLower);
            uint160 sqrtUpper = TickMath.getSqrtRatioAtTick(p.tickUpper);
            (amount0, amount1) = amountsAt(sqrtPriceX96, sqrtLower, sqrtUpper, p.liquidity);
            (delta[0], delta[1]) = gammaDelta(sqrtPriceX96, sqrtLower, sqrtUpper, p.liquidity, amount0, amount1, moveTicks);
        }
        (uint256 fees0, uint256 fees1) = feesOwed(s, p);
        credit[0] = _cappedSum(amount0, fees0);
        credit[1] = _cappedSum(amount1, fees1);
    }

    /// @dev min(a + b, 2^128 - 1) without overflowing.
    function _cappedSum(uint256 a, uint256 b) private pure returns (uint256) {
        return a >= MAX128 || b >= MAX128 ? MAX128 : _min(a + b, MAX128);
    }

    function _min(uint256 a, uint256 b) private pure returns (uint256) {
        return a < b ? a : b;
    }
}
