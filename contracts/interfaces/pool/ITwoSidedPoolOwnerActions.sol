// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Governance actions of a 2sAMM pool (factory owner only).
interface ITwoSidedPoolOwnerActions {
    /// @notice Send up to the requested protocol fees to recipient.
    function collectProtocol(address recipient, uint128 amount0Requested, uint128 amount1Requested)
        external
        returns (uint128 amount0, uint128 amount1);
}
