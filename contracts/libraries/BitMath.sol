// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title BitMath
/// @notice Index of the most / least significant set bit of a non-zero word. Twin of assembly/libraries/BitMath.ts.
library BitMath {
    /// @notice Thrown when asked for a bit index of zero (it has no set bit).
    error BitMathZero();

    /// @notice The largest i with bit i of x set (x >= 2^i and x < 2^(i+1)).
    function mostSignificantBit(uint256 x) internal pure returns (uint8 r) {
        if (x == 0) revert BitMathZero();
        assembly ("memory-safe") {
            // Binary search: each step halves the width that may still hold the top bit.
            let f := shl(7, gt(x, 0xffffffffffffffffffffffffffffffff))
            r := f
            x := shr(f, x)
            f := shl(6, gt(x, 0xffffffffffffffff))
            r := or(r, f)
            x := shr(f, x)
            f := shl(5, gt(x, 0xffffffff))
            r := or(r, f)
            x := shr(f, x)
            f := shl(4, gt(x, 0xffff))
            r := or(r, f)
            x := shr(f, x)
            f := shl(3, gt(x, 0xff))
            r := or(r, f)
            x := shr(f, x)
            f := shl(2, gt(x, 0xf))
            r := or(r, f)
            x := shr(f, x)
            f := shl(1, gt(x, 0x3))
            r := or(r, f)
            x := shr(f, x)
            r := or(r, gt(x, 0x1))
        }
    }

    /// @notice The smallest i with bit i of x set.
    function leastSignificantBit(uint256 x) internal pure returns (uint8 r) {
        if (x == 0) revert BitMathZero();
        unchecked {
            // Isolate the lowest set bit; its msb is the answer.
            return mostSignificantBit(x & (0 - x));
        }
    }
}
