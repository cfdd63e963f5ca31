// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TickMath} from "../libraries/TickMath.sol";

/// @title TickMathHarness
/// @notice External and batch wrappers over TickMath for differential tests. In batch forms a reverting input
///         is reported as ok[i] = false with its error selector in sel[i].
contract TickMathHarness {
    function getSqrtRatioAtTick(int24 tick) external pure returns (uint160) {
        return TickMath.getSqrtRatioAtTick(tick);
    }

    function getTickAtSqrtRatio(uint160 sqrtPriceX96) external pure returns (int24) {
        return TickMath.getTickAtSqrtRatio(sqrtPriceX96);
    }

    function getSqrtRatioAtTickBatch(int24[] calldata ticks)
        external
        view
        returns (uint160[] memory r, bool[] memory ok, bytes4[] memory sel)
    {
        uint256 n = ticks.length;
        (r, ok, sel) = (new uint160[](n), new bool[](n), new bytes4[](n));
        for (uint256 i; i < n; ++i) {
            try this.getSqrtRatioAtTick(ticks[i]) returns (uint160 v) {
                (r[i], ok[i]) = (v, true);
            } catch (bytes memory reason) {
                sel[i] = bytes4(reason);
            }
        }
    }

    function getTickAtSqrtRatioBatch(uint160[] calldata prices)
        external
        view
        returns (int24[] memory r, bool[] memory ok, bytes4[] memory sel)
    {
        uint256 n = prices.length;
        (r, ok, sel) = (new int24[](n), new bool[](n), new bytes4[](n));
        for (uint256 i; i < n; ++i) {
            try this.getTickAtSqrtRatio(prices[i]) returns (int24 v) {
                (r[i], ok[i]) = (v, true);
            } catch (bytes memory reason) {
                sel[i] = bytes4(reason);
            }
        }
    }

    /// @notice Gas of one getSqrtRatioAtTick (for the gas report).
    function getGasCostOfGetSqrtRatioAtTick(int24 tick) external view returns (uint256 g) {
        g = gasleft();
        TickMath.getSqrtRatioAtTick(tick);
        g -= gasleft();
    }
}
