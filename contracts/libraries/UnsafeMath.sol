// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title UnsafeMath
/// @notice Division helpers without the zero-divisor check, for call sites that guarantee y > 0.
library UnsafeMath {
    /// @notice ceil(x / y); returns 0 when y == 0 (EVM division semantics), callers must rule that out.
    function divRoundingUp(uint256 x, uint256 y) internal pure returns (uint256 z) {
        assembly ("memory-safe") {
            z := add(div(x, y), gt(mod(x, y), 0))
        }
    }
}
