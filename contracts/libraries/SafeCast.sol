// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title SafeCast
/// @notice Downcasts that revert instead of truncating. Twin of assembly/libraries/SafeCast.ts.
library SafeCast {
    /// @notice Thrown when a value does not fit the target type.
    error SafeCastOverflow();

    /// @notice uint256 -> uint160
    function toUint160(uint256 y) internal pure returns (uint160 z) {
        if (y > type(uint160).max) revert SafeCastOverflow();
        z = uint160(y);
    }

    /// @notice uint256 -> uint128
    function toUint128(uint256 y) internal pure returns (uint128 z) {
        if (y > type(uint128).max) revert SafeCastOverflow();
        z = uint128(y);
    }

    /// @notice int256 -> int128
    function toInt128(int256 y) internal pure returns (int128 z) {
        if (y < type(int128).min || y > type(int128).max) revert SafeCastOverflow();
        z = int128(y);
    }

    /// @notice uint128 -> int128 (liquidity amounts used as signed deltas)
    function toInt128(uint128 y) internal pure returns (int128 z) {
        if (y > uint128(type(int128).max)) revert SafeCastOverflow();
        z = int128(y);
    }

    /// @notice uint256 -> int256
    function toInt256(uint256 y) internal pure returns (int256 z) {
        if (y > uint256(type(int256).max)) revert SafeCastOverflow();
        z = int256(y);
    }
}
