// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title LiquidityMath
/// @notice Signed deltas on uint128 liquidity. Twin of assembly/libraries/LiquidityMath.ts.
library LiquidityMath {
    /// @notice Thrown when a delta would take liquidity below zero.
    error LiquidityUnderflow();
    /// @notice Thrown when a delta would take liquidity above type(uint128).max.
    error LiquidityOverflow();

    /// @notice Add a signed liquidity delta to liquidity.
    /// @dev Equivalent to `y < 0 ? x - uint128(-y) : x + uint128(y)` with both bounds checked.
    /// @param x The liquidity before the change
    /// @param y The delta by which liquidity should be changed
    /// @return z The liquidity after
    function addDelta(uint128 x, int128 y) internal pure returns (uint128 z) {
        unchecked {
            if (y < 0) {
                // -type(int128).min fits in uint128 once widened first.
                uint128 m = uint128(uint256(-int256(y)));
                if (x < m) revert LiquidityUnderflow();
                z = x - m;
            } else {
                z = x + uint128(y);
                if (z < x) revert LiquidityOverflow();
            }
        }
    }
}
