// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ViewBatch
/// @notice Runs many view calls in one eth_call, so invariant checks read the whole system's state
///         from one block cheaply. A failing call returns its revert data with ok = false.
contract ViewBatch {
    struct Result {
        bool ok;
        bytes data;
    }

    function batch(address[] calldata targets, bytes[] calldata data) external view returns (Result[] memory out) {
        out = new Result[](targets.length);
        for (uint256 i; i < targets.length; ++i) {
            (out[i].ok, out[i].data) = targets[i].staticcall(data[i]);
        }
    }
}
