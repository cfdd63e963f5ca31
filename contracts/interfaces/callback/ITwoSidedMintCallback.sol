// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Called on msg.sender by TwoSidedPool.mint to pay the liquidity's tokens.
interface ITwoSidedMintCallback {
    /// @notice Transfer amount0Owed of token0 and amount1Owed of token1 to the pool (msg.sender) before returning.
    function twoSidedMintCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata data) external;
}
