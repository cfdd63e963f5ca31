// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ReferencePrice} from "../libraries/ReferencePrice.sol";

/// @title ReferencePriceHarness
/// @notice External and batch wrappers over ReferencePrice for differential tests against the Wasm core.
///         A reverting input is reported by its error selector (ok[i] = false) instead of aborting the batch.
contract ReferencePriceHarness {
    struct OracleInput {
        uint256 answer0;
        uint8 feedDecimals0;
        uint8 tokenDecimals0;
        uint256 answer1;
        uint8 feedDecimals1;
        uint8 tokenDecimals1;
    }

    function oracleSqrtPriceX96(OracleInput calldata c) external pure returns (uint160) {
        return ReferencePrice.oracleSqrtPriceX96(
            c.answer0, c.feedDecimals0, c.tokenDecimals0, c.answer1, c.feedDecimals1, c.tokenDecimals1
        );
    }

    function twapTick(int56 tickCumulativeStart, int56 tickCumulativeEnd, uint32 window) external pure returns (int24) {
        return ReferencePrice.twapTick(tickCumulativeStart, tickCumulativeEnd, window);
    }

    function sqrt(uint256 x) external pure returns (uint256) {
        return ReferencePrice.sqrt(x);
    }

    /// @notice oracleSqrtPriceX96 over many inputs.
    function oracleSqrtPriceX96Batch(OracleInput[] calldata ins)
        external
        view
        returns (uint160[] memory r, bool[] memory ok, bytes4[] memory sel)
    {
        uint256 n = ins.length;
        (r, ok, sel) = (new uint160[](n), new bool[](n), new bytes4[](n));
        for (uint256 i; i < n; ++i) {
            try this.oracleSqrtPriceX96(ins[i]) returns (uint160 v) {
                (r[i], ok[i]) = (v, true);
            } catch (bytes memory reason) {
                sel[i] = bytes4(reason);
            }
        }
    }

    /// @notice twapTick over many inputs.
    function twapTickBatch(int56[] calldata starts, int56[] calldata ends, uint32[] calldata windows)
        external
        view
        returns (int24[] memory r, bool[] memory ok, bytes4[] memory sel)
    {
        uint256 n = starts.length;
        (r, ok, sel) = (new int24[](n), new bool[](n), new bytes4[](n));
        for (uint256 i; i < n; ++i) {
            try this.twapTick(starts[i], ends[i], windows[i]) returns (int24 v) {
                (r[i], ok[i]) = (v, true);
            } catch (bytes memory reason) {
                sel[i] = bytes4(reason);
            }
        }
    }

    /// @notice sqrt over many inputs.
    function sqrtBatch(uint256[] calldata xs)
        external
        view
        returns (uint256[] memory r, bool[] memory ok, bytes4[] memory sel)
    {
        uint256 n = xs.length;
        (r, ok, sel) = (new uint256[](n), new bool[](n), new bytes4[](n));
        for (uint256 i; i < n; ++i) {
            try this.sqrt(xs[i]) returns (uint256 v) {
                (r[i], ok[i]) = (v, true);
            } catch (bytes memory reason) {
                sel[i] = bytes4(reason);
            }
        }
    }
}
