// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {FullMath} from "../libraries/FullMath.sol";

/// @title FullMathHarness
/// @notice External and batch wrappers over FullMath for differential tests (reverts reported per input).
contract FullMathHarness {
    function mulDiv(uint256 a, uint256 b, uint256 d) external pure returns (uint256) {
        return FullMath.mulDiv(a, b, d);
    }

    function mulDivRoundingUp(uint256 a, uint256 b, uint256 d) external pure returns (uint256) {
        return FullMath.mulDivRoundingUp(a, b, d);
    }

    /// @param roundUp false: mulDiv, true: mulDivRoundingUp (same flag for the whole batch)
    function mulDivBatch(uint256[] calldata a, uint256[] calldata b, uint256[] calldata d, bool roundUp)
        external
        view
        returns (uint256[] memory r, bool[] memory ok, bytes4[] memory sel)
    {
        uint256 n = a.length;
        (r, ok, sel) = (new uint256[](n), new bool[](n), new bytes4[](n));
        for (uint256 i; i < n; ++i) {
            try (roundUp ? this.mulDivRoundingUp : this.mulDiv)(a[i], b[i], d[i]) returns (uint256 v) {
                (r[i], ok[i]) = (v, true);
            } catch (bytes memory reason) {
                sel[i] = bytes4(reason);
            }
        }
    }
}
