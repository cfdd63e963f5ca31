// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {FullMath} from "./FullMath.sol";
import {SafeCast} from "./SafeCast.sol";
import {UnsafeMath} from "./UnsafeMath.sol";

/// @title SqrtPriceMath
/// @notice Price moves and token amounts of a liquidity curve, with Uniswap V3's rounding and failure conditions.
///         Twin of assembly/libraries/SqrtPriceMath.ts.
library SqrtPriceMath {
    /// @notice Thrown when a sqrt price argument is zero.
    error PriceZero();
    /// @notice Thrown when a price move is asked of zero liquidity.
    error ZeroLiquidity();
    /// @notice Thrown when an output exceeds what the liquidity holds before the price bound.
    error InsufficientLiquidity();

    uint8 internal constant RESOLUTION = 96;
    uint256 internal constant Q96 = 0x1000000000000000000000000;

    /// @notice Next sqrt price after adding (add) or removing (!add) `amount` of token0.
    /// @dev Rounds up in both directions: adding token0 moves the price down, and the pool must not move it
    ///      further than the amount pays for; removing moves it up, at least as far as the amount requires.
    ///      Formula: L * sqrtP / (L +- amount * sqrtP), falling back to L / (L / sqrtP + amount) on overflow.
    function getNextSqrtPriceFromAmount0RoundingUp(uint160 sqrtPX96, uint128 liquidity, uint256 amount, bool add)
        internal
        pure
        returns (uint160)
    {
        // amount == 0 would otherwise not give back exactly sqrtPX96.
        if (amount == 0) return sqrtPX96;
        uint256 numerator1 = uint256(liquidity) << RESOLUTION;
        unchecked {
            uint256 product = amount * sqrtPX96;
            bool productExact = product / amount == sqrtPX96;
            if (add) {
                if (productExact) {
                    uint256 denominator = numerator1 + product;
                    // No wrap: the result is below sqrtPX96, so it fits in 160 bits.
                    if (denominator >= numerator1) {
                        return uint160(FullMath.mulDivRoundingUp(numerator1, sqrtPX96, denominator));
                    }
                }
                uint256 d = numerator1 / sqrtPX96;
                uint256 den2 = d + amount;
                if (den2 < d) revert SafeCast.SafeCastOverflow();
                return uint160(UnsafeMath.divRoundingUp(numerator1, den2));
            } else {
                // A wrapped product means the denominator would be negative too.
                if (!productExact || numerator1 <= product) revert InsufficientLiquidity();
                return SafeCast.toUint160(FullMath.mulDivRoundingUp(numerator1, sqrtPX96, numerator1 - product));
            }
        }
    }

    /// @notice Next sqrt price after adding (add) or removing (!add) `amount` of token1.
    /// @dev Rounds down in both directions: sqrtP +- amount / L, the quotient rounded down when adding and up when
    ///      removing. Avoids a mulDiv when amount << 96 fits in 256 bits.
    function getNextSqrtPriceFromAmount1RoundingDown(uint160 sqrtPX96, uint128 liquidity, uint256 amount, bool add)
        internal
        pure
        returns (uint160)
    {
        if (add) {
            uint256 quotient = amount <= type(uint160).max
                ? (amount << RESOLUTION) / liquidity
                : FullMath.mulDiv(amount, Q96, liquidity);
            // sqrtP + quotient > 2^160-1 covers the 256-bit wrap as well.
            if (quotient > type(uint160).max - sqrtPX96) revert SafeCast.SafeCastOverflow();
            unchecked {
                return uint160(sqrtPX96 + quotient);
            }
        } else {
            uint256 quotient = amount <= type(uint160).max
                ? UnsafeMath.divRoundingUp(amount << RESOLUTION, liquidity)
                : FullMath.mulDivRoundingUp(amount, Q96, liquidity);
            if (sqrtPX96 <= quotient) revert InsufficientLiquidity();
            unchecked {
                return uint160(sqrtPX96 - quotient);
            }
        }
    }

    /// @notice Next sqrt price after `amountIn` of the input token enters the pool.
    /// @dev Rounds so the price never passes the target the amount pays for.
    function getNextSqrtPriceFromInput(uint160 sqrtPX96, uint128 liquidity, uint256 amountIn, bool zeroForOne)
        internal
        pure
        returns (uint160 sqrtQX96)
    {
        if (sqrtPX96 == 0) revert PriceZero();
        if (liquidity == 0) revert ZeroLiquidity();
        return zeroForOne
            ? getNextSqrtPriceFromAmount0RoundingUp(sqrtPX96, liquidity, amountIn, true)
            : getNextSqrtPriceFromAmount1RoundingDown(sqrtPX96, liquidity, amountIn, true);
    }

    /// @notice Next sqrt price after `amountOut` of the output token leaves the pool.
    /// @dev Rounds so the price moves at least as far as the output requires.
    function getNextSqrtPriceFromOutput(uint160 sqrtPX96, uint128 liquidity, uint256 amountOut, bool zeroForOne)
        internal
        pure
        returns (uint160 sqrtQX96)
    {
        if (sqrtPX96 == 0) revert PriceZero();
        if (liquidity == 0) revert ZeroLiquidity();
        return zeroForOne
            ? getNextSqrtPriceFromAmount1RoundingDown(sqrtPX96, liquidity, amountOut, false)
            : getNextSqrtPriceFromAmount0RoundingUp(sqrtPX96, liquidity, amountOut, false);
    }

    /// @notice token0 held by `liquidity` between two sqrt prices: L * (sqrtB - sqrtA) / (sqrtA * sqrtB).
    /// @param roundUp Round up (amounts owed to the pool) or down (amounts paid by the pool)
    function getAmount0Delta(uint160 sqrtRatioAX96, uint160 sqrtRatioBX96, uint128 liquidity, bool roundUp)
        internal
        pure
        returns (uint256 amount0)
    {
        if (sqrtRatioAX96 > sqrtRatioBX96) (sqrtRatioAX96, sqrtRatioBX96) = (sqrtRatioBX96, sqrtRatioAX96);
        if (sqrtRatioAX96 == 0) revert PriceZero();
        uint256 numerator1 = uint256(liquidity) << RESOLUTION;
        uint256 numerator2;
        unchecked {
            numerator2 = sqrtRatioBX96 - sqrtRatioAX96;
        }
        // Divide by sqrtB inside the mulDiv and by sqrtA after: the product of both may not fit in 256 bits.
        return roundUp
            ? UnsafeMath.divRoundingUp(FullMath.mulDivRoundingUp(numerator1, numerator2, sqrtRatioBX96), sqrtRatioAX96)
            : FullMath.mulDiv(numerator1, numerator2, sqrtRatioBX96) / sqrtRatioAX96;
    }

    /// @notice token1 held by `liquidity` between two sqrt prices: L * (sqrtB - sqrtA).
    function getAmount1Delta(uint160 sqrtRatioAX96, uint160 sqrtRatioBX96, uint128 liquidity, bool roundUp)
        internal
        pure
        returns (uint256 amount1)
    {
        if (sqrtRatioAX96 > sqrtRatioBX96) (sqrtRatioAX96, sqrtRatioBX96) = (sqrtRatioBX96, sqrtRatioAX96);
        unchecked {
            return roundUp
                ? FullMath.mulDivRoundingUp(liquidity, sqrtRatioBX96 - sqrtRatioAX96, Q96)
                : FullMath.mulDiv(liquidity, sqrtRatioBX96 - sqrtRatioAX96, Q96);
        }
    }

    /// @notice Signed token0 delta for a signed liquidity change: positive (owed to the pool, rounded up) when
    ///         liquidity is added, negative (paid out, rounded down) when removed.
    function getAmount0Delta(uint160 sqrtRatioAX96, uint160 sqrtRatioBX96, int128 liquidity)
        internal
        pure
        returns (int256 amount0)
    {
        return liquidity < 0
            ? -SafeCast.toInt256(getAmount0Delta(sqrtRatioAX96, sqrtRatioBX96, uint128(uint256(-int256(liquidity))), false))
            : SafeCast.toInt256(getAmount0Delta(sqrtRatioAX96, sqrtRatioBX96, uint128(liquidity), true));
    }

    /// @notice Signed token1 delta for a signed liquidity change (see the token0 form).
    function getAmount1Delta(uint160 sqrtRatioAX96, uint160 sqrtRatioBX96, int128 liquidity)
        internal
        pure
        returns (int256 amount1)
    {
        return liquidity < 0
            ? -SafeCast.toInt256(getAmount1Delta(sqrtRatioAX96, sqrtRatioBX96, uint128(uint256(-int256(liquidity))), false))
            : SafeCast.toInt256(getAmount1Delta(sqrtRatioAX96, sqrtRatioBX96, uint128(liquidity), true));
    }
}
