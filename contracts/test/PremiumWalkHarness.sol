// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {PremiumWalk} from "../libraries/PremiumWalk.sol";

/// @title PremiumWalkHarness
/// @notice External wrappers over PremiumWalk's premium index arithmetic, for the differential fuzz against the
///         Wasm core. Batch forms evaluate many inputs in one eth_call; a reverting input is reported by its error
///         selector (ok[i] = false) instead of aborting the batch.
contract PremiumWalkHarness {
    function premiumIndexDeltaX64RoundingUp(uint256 borrowIndexStartX64, uint256 borrowIndexEndX64)
        external
        pure
        returns (uint256)
    {
        return PremiumWalk.premiumIndexDeltaX64RoundingUp(borrowIndexStartX64, borrowIndexEndX64);
    }

    function advancePremiumIndexX64(uint128 indexX64, uint120 borrowIndexLow, uint256 borrowIndexNowX64)
        external
        pure
        returns (uint128)
    {
        return PremiumWalk.advancePremiumIndexX64(indexX64, borrowIndexLow, borrowIndexNowX64);
    }

    /// @notice premiumIndexDeltaX64RoundingUp over many (start, end) pairs.
    function premiumIndexDeltaBatch(uint256[] calldata start, uint256[] calldata end)
        external
        view
        returns (uint256[] memory r, bool[] memory ok, bytes4[] memory sel)
    {
        uint256 n = start.length;
        (r, ok, sel) = (new uint256[](n), new bool[](n), new bytes4[](n));
        for (uint256 i; i < n; ++i) {
            try this.premiumIndexDeltaX64RoundingUp(start[i], end[i]) returns (uint256 v) {
                (r[i], ok[i]) = (v, true);
            } catch (bytes memory reason) {
                sel[i] = bytes4(reason);
            }
        }
    }

    /// @notice advancePremiumIndexX64 over many (index, low bits of the last borrow index, borrow index now).
    function advancePremiumIndexBatch(uint128[] calldata index, uint120[] calldata low, uint256[] calldata now_)
        external
        view
        returns (uint128[] memory r, bool[] memory ok, bytes4[] memory sel)
    {
        uint256 n = index.length;
        (r, ok, sel) = (new uint128[](n), new bool[](n), new bytes4[](n));
        for (uint256 i; i < n; ++i) {
            try this.advancePremiumIndexX64(index[i], low[i], now_[i]) returns (uint128 v) {
                (r[i], ok[i]) = (v, true);
            } catch (bytes memory reason) {
                sel[i] = bytes4(reason);
            }
        }
    }
}
