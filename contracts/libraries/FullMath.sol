// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title FullMath
/// @notice floor(a*b/d) and ceil(a*b/d) with a 512-bit intermediate product, so a*b may exceed 2^256.
///         Results, bounds and failure conditions are Uniswap V3's. Twin of assembly/libraries/FullMath.ts.
library FullMath {
    /// @notice Thrown when the denominator is zero.
    error DivisionByZero();
    /// @notice Thrown when the quotient does not fit in 256 bits.
    error MulDivOverflow();

    /// @notice floor(a * b / denominator) with full precision.
    /// @dev Splits a*b into two 256-bit limbs, subtracts the remainder so the division is exact, removes the
    ///      power-of-two factor of the denominator, then multiplies by its inverse modulo 2^256
    ///      (Newton iteration: each step doubles the number of correct bits, 4 -> 256).
    function mulDiv(uint256 a, uint256 b, uint256 denominator) internal pure returns (uint256 result) {
        unchecked {
            uint256 lo; // low 256 bits of a*b
            uint256 hi; // high 256 bits of a*b
            assembly ("memory-safe") {
                let mm := mulmod(a, b, not(0))
                lo := mul(a, b)
                hi := sub(sub(mm, lo), lt(mm, lo))
            }
            if (denominator == 0) revert DivisionByZero();
            if (hi == 0) return lo / denominator;
            // The quotient fits in 256 bits only if hi < denominator.
            if (denominator <= hi) revert MulDivOverflow();

            uint256 rem;
            assembly ("memory-safe") {
                rem := mulmod(a, b, denominator)
                hi := sub(hi, gt(rem, lo))
                lo := sub(lo, rem)
            }
            // Largest power of two dividing the denominator (denominator > 0 here).
            uint256 twos = denominator & (0 - denominator);
            assembly ("memory-safe") {
                denominator := div(denominator, twos)
                lo := div(lo, twos)
                // 2^256 / twos, computed without 2^256: (0 - twos) / twos + 1.
                twos := add(div(sub(0, twos), twos), 1)
            }
            lo |= hi * twos;
            // Inverse of the (now odd) denominator modulo 2^256; the seed is correct to 4 bits.
            uint256 inv = (3 * denominator) ^ 2;
            inv *= 2 - denominator * inv; // 8 bits
            inv *= 2 - denominator * inv; // 16
            inv *= 2 - denominator * inv; // 32
            inv *= 2 - denominator * inv; // 64
            inv *= 2 - denominator * inv; // 128
            inv *= 2 - denominator * inv; // 256
            result = lo * inv;
        }
    }

    /// @notice ceil(a * b / denominator) with full precision.
    function mulDivRoundingUp(uint256 a, uint256 b, uint256 denominator) internal pure returns (uint256 result) {
        result = mulDiv(a, b, denominator);
        unchecked {
            if (mulmod(a, b, denominator) != 0) {
                if (result == type(uint256).max) revert MulDivOverflow();
                ++result;
            }
        }
    }
}
