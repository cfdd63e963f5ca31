// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SqrtPriceMath} from "./SqrtPriceMath.sol";
import {TickMath} from "./TickMath.sol";

/// @title LiquidityAmounts
/// @notice The token amounts of liquidity over a price range at a given price, written once for the pool, the lens,
///         the producers and the position valuations. Twin of assembly/libraries/LiquidityAmounts.ts.
/// @dev The branch is chosen on the sqrt price, one way everywhere:
///        sqrtP <  sqrtLower             -> token0 only: amount0(sqrtLower, sqrtUpper)
///        sqrtLower <= sqrtP < sqrtUpper -> both: amount0(sqrtP, sqrtUpper), amount1(sqrtLower, sqrtP)
///        sqrtUpper <= sqrtP             -> token1 only: amount1(sqrtLower, sqrtUpper)
///
///      Why this equals the pool's (Uniswap V3's) choice on its tick at the pool's own price (tick, sqrtP):
///      the pool takes token0 only when tick < tickLower, both when tick < tickUpper, else token1 only. Take one
///      bound T with s(T) = getSqrtRatioAtTick(T), strictly increasing in T.
///      1. Usually tick = getTickAtSqrtRatio(sqrtP), the greatest tick with s(tick) <= sqrtP, so
///         s(tick) <= sqrtP < s(tick + 1). Then tick < T <=> tick + 1 <= T <=> sqrtP < s(T): the same branch.
///         This includes a price exactly on a bound: sqrtP = s(T) gives tick = T, and both rules say "not below T".
///      2. A swap that stops on an initialized tick B moving down leaves tick = B - 1 while sqrtP = s(B). For
///         T != B the rules agree (T <= B - 1: tick >= T and sqrtP >= s(T); T >= B + 1: tick < T and sqrtP < s(T)).
///         For T = B they differ, and the amounts are still equal because a range of zero width holds nothing
///         (getAmount0Delta(x, x) = getAmount1Delta(x, x) = 0 in either rounding):
///         - tickLower = B: the pool takes token0 only, amount0(s(B), sqrtUpper); this rule takes both,
///           amount0(sqrtP = s(B), sqrtUpper) and amount1(s(B), sqrtP = s(B)) = 0.
///         - tickUpper = B: the pool takes both, amount0(sqrtP = s(B), s(B)) = 0 and amount1(sqrtLower, s(B));
///           this rule takes token1 only, amount1(sqrtLower, s(B)).
///      So at the pool's own price the results are the same to the wei, whichever rule a caller had used.
library LiquidityAmounts {
    /// @notice Token amounts of `liquidity` over [sqrtLower, sqrtUpper) at sqrt price `sqrtPriceX96`.
    /// @dev Equivalent to the three cases above; requires 0 < sqrtLower < sqrtUpper (as TickMath gives them).
    /// @param sqrtPriceX96 The price at which to value the liquidity, Q64.96
    /// @param sqrtLower The sqrt price of the range's lower tick, Q64.96
    /// @param sqrtUpper The sqrt price of the range's upper tick, Q64.96
    /// @param liquidity The liquidity
    /// @param roundUp Round each amount up (what minting charges) or down (what burning pays)
    /// @return amount0 The amount of token0
    /// @return amount1 The amount of token1
    function getAmountsForLiquidity(
        uint160 sqrtPriceX96,
        uint160 sqrtLower,
        uint160 sqrtUpper,
        uint128 liquidity,
        bool roundUp
    ) internal pure returns (uint256 amount0, uint256 amount1) {
        if (sqrtPriceX96 < sqrtLower) {
            amount0 = SqrtPriceMath.getAmount0Delta(sqrtLower, sqrtUpper, liquidity, roundUp);
        } else if (sqrtPriceX96 < sqrtUpper) {
            amount0 = SqrtPriceMath.getAmount0Delta(sqrtPriceX96, sqrtUpper, liquidity, roundUp);
            amount1 = SqrtPriceMath.getAmount1Delta(sqrtLower, sqrtPriceX96, liquidity, roundUp);
        } else {
            amount1 = SqrtPriceMath.getAmount1Delta(sqrtLower, sqrtUpper, liquidity, roundUp);
        }
    }

    /// @notice getAmountsForLiquidity over the range given by its ticks [tickLower, tickUpper): the one form the pool,
    ///         the lens, the premium walk and the producers value a range in.
    function getAmountsForTicks(uint160 sqrtPriceX96, int24 tickLower, int24 tickUpper, uint128 liquidity, bool roundUp)
        internal
        pure
        returns (uint256 amount0, uint256 amount1)
    {
        return getAmountsForLiquidity(
            sqrtPriceX96, TickMath.getSqrtRatioAtTick(tickLower), TickMath.getSqrtRatioAtTick(tickUpper), liquidity, roundUp
        );
    }
}
