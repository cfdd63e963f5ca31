// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BitMath} from "../libraries/BitMath.sol";

/// @title BitMathHarness
/// @notice BitMath over many inputs in one eth_call, for the differential test against the Wasm core:
///         a reverting input is reported by its error selector instead of aborting the batch.
contract BitMathHarness {
    function bits(uint256 x) external pure returns (uint8 msb, uint8 lsb) {
        return (BitMath.mostSignificantBit(x), BitMath.leastSignificantBit(x));
    }

    /// @notice For each i: ok[i] is false and sel[i] the revert selector when bits(xs[i]) reverts.
    function bitsBatch(uint256[] calldata xs)
        external
        view
        returns (uint8[] memory msb, uint8[] memory lsb, bool[] memory ok, bytes4[] memory sel)
    {
        uint256 n = xs.length;
        msb = new uint8[](n);
        lsb = new uint8[](n);
        ok = new bool[](n);
        sel = new bytes4[](n);
        for (uint256 i; i < n; ++i) {
            try this.bits(xs[i]) returns (uint8 m, uint8 l) {
                (msb[i], lsb[i], ok[i]) = (m, l, true);
            } catch (bytes memory reason) {
                sel[i] = bytes4(reason);
            }
        }
    }
}
