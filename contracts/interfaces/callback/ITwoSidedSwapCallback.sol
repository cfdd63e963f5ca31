// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Called on msg.sender by TwoSidedPool.swap to pay the input token.
interface ITwoSidedSwapCallback {
    /// @notice The positive delta is owed to the pool (msg.sender); the negative one was already sent to the recipient.
    function twoSidedSwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata data) external;
}
