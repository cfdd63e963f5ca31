// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {LiquidityMath} from "../libraries/LiquidityMath.sol";

/// @title MathHarness
/// @notice External wrappers over the math libraries, for differential tests against the Wasm core.
///         Batch forms evaluate many inputs in one eth_call; a reverting input is reported by its
///         error selector instead of aborting the batch.
contract MathHarness {
    function addDelta(uint128 x, int128 y) external pure returns (uint128) {
        return LiquidityMath.addDelta(x, y);
    }

    /// @notice addDelta over many inputs. For each i: ok[i] is false and sel[i] the revert selector when it reverts.
    function addDeltaBatch(uint128[] calldata xs, int128[] calldata ys)
        external
        view
        returns (uint128[] memory z, bool[] memory ok, bytes4[] memory sel)
    {
        uint256 n = xs.length;
        z = new uint128[](n);
        ok = new bool[](n);
        sel = new bytes4[](n);
        for (uint256 i; i < n; ++i) {
            try this.addDelta(xs[i], ys[i]) returns (uint128 r) {
                (z[i], ok[i]) = (r, true);
            } catch (bytes memory reason) {
                sel[i] = bytes4(reason);
            }
        }
    }
}
