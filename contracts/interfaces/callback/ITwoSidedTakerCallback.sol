// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Called on msg.sender by TwoSidedPool.release when the taker owes tokens.
interface ITwoSidedTakerCallback {
    /// @notice Transfer amount0Owed of token0 and amount1Owed of token1 to the pool (msg.sender) before returning.
    function twoSidedTakerCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata data) external;
}
