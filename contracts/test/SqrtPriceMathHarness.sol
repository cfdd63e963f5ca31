// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SqrtPriceMath} from "../libraries/SqrtPriceMath.sol";

/// @title SqrtPriceMathHarness
/// @notice External and batch wrappers over SqrtPriceMath for differential tests (reverts reported per input).
contract SqrtPriceMathHarness {
    function getNextSqrtPriceFromInput(uint160 p, uint128 l, uint256 a, bool zeroForOne) external pure returns (uint160) {
        return SqrtPriceMath.getNextSqrtPriceFromInput(p, l, a, zeroForOne);
    }

    function getNextSqrtPriceFromOutput(uint160 p, uint128 l, uint256 a, bool zeroForOne) external pure returns (uint160) {
        return SqrtPriceMath.getNextSqrtPriceFromOutput(p, l, a, zeroForOne);
    }

    function getAmount0Delta(uint160 a, uint160 b, uint128 l, bool roundUp) external pure returns (uint256) {
        return SqrtPriceMath.getAmount0Delta(a, b, l, roundUp);
    }

    function getAmount1Delta(uint160 a, uint160 b, uint128 l, bool roundUp) external pure returns (uint256) {
        return SqrtPriceMath.getAmount1Delta(a, b, l, roundUp);
    }

    function getAmount0DeltaSigned(uint160 a, uint160 b, int128 l) external pure returns (int256) {
        return SqrtPriceMath.getAmount0Delta(a, b, l);
    }

    function getAmount1DeltaSigned(uint160 a, uint160 b, int128 l) external pure returns (int256) {
        return SqrtPriceMath.getAmount1Delta(a, b, l);
    }

    /// @param output false: getNextSqrtPriceFromInput, true: getNextSqrtPriceFromOutput
    function getNextSqrtPriceBatch(
        uint160[] calldata p,
        uint128[] calldata l,
        uint256[] calldata a,
        bool[] calldata zeroForOne,
        bool output
    ) external view returns (uint160[] memory r, bool[] memory ok, bytes4[] memory sel) {
        uint256 n = p.length;
        (r, ok, sel) = (new uint160[](n), new bool[](n), new bytes4[](n));
        for (uint256 i; i < n; ++i) {
            try (output ? this.getNextSqrtPriceFromOutput : this.getNextSqrtPriceFromInput)(p[i], l[i], a[i], zeroForOne[i])
            returns (uint160 v) {
                (r[i], ok[i]) = (v, true);
            } catch (bytes memory reason) {
                sel[i] = bytes4(reason);
            }
        }
    }

    /// @param token1 false: getAmount0Delta, true: getAmount1Delta
    function getAmountDeltaBatch(
        uint160[] calldata a,
        uint160[] calldata b,
        uint128[] calldata l,
        bool[] calldata roundUp,
        bool token1
    ) external view returns (uint256[] memory r, bool[] memory ok, bytes4[] memory sel) {
        uint256 n = a.length;
        (r, ok, sel) = (new uint256[](n), new bool[](n), new bytes4[](n));
        for (uint256 i; i < n; ++i) {
            try (token1 ? this.getAmount1Delta : this.getAmount0Delta)(a[i], b[i], l[i], roundUp[i]) returns (uint256 v) {
                (r[i], ok[i]) = (v, true);
            } catch (bytes memory reason) {
                sel[i] = bytes4(reason);
            }
        }
    }
}
