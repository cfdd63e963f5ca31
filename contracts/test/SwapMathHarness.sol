// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SwapMath} from "../libraries/SwapMath.sol";
import {FeeCurve} from "../libraries/FeeCurve.sol";

/// @title SwapMathHarness
/// @notice External and batch wrappers over SwapMath and FeeCurve for differential tests (reverts reported per input).
contract SwapMathHarness {
    struct Step {
        uint160 sqrtRatioNextX96;
        uint256 amountIn;
        uint256 amountOut;
        uint256 feeAmount;
    }

    function computeSwapStep(uint160 current, uint160 target, uint128 liquidity, int256 amountRemaining, uint24 fee)
        public
        pure
        returns (Step memory s)
    {
        (s.sqrtRatioNextX96, s.amountIn, s.amountOut, s.feeAmount) =
            SwapMath.computeSwapStep(current, target, liquidity, amountRemaining, fee);
    }

    struct StepInput {
        uint160 current;
        uint160 target;
        uint128 liquidity;
        int256 amountRemaining;
        uint24 feePips;
    }

    function computeSwapStepBatch(StepInput[] calldata ins)
        external
        view
        returns (Step[] memory r, bool[] memory ok, bytes4[] memory sel)
    {
        uint256 n = ins.length;
        (r, ok, sel) = (new Step[](n), new bool[](n), new bytes4[](n));
        for (uint256 i; i < n; ++i) {
            StepInput calldata c = ins[i];
            try this.computeSwapStep(c.current, c.target, c.liquidity, c.amountRemaining, c.feePips) returns (Step memory v) {
                (r[i], ok[i]) = (v, true);
            } catch (bytes memory reason) {
                sel[i] = bytes4(reason);
            }
        }
    }

    function feePips(uint128 reserved, uint128 provided, uint24 minFee, uint24 midFee, uint24 maxFee)
        external
        pure
        returns (uint24)
    {
        return FeeCurve.feePips(reserved, provided, minFee, midFee, maxFee);
    }

    /// @notice feePips over many (reserved, provided) pairs with one parameter set.
    function feePipsBatch(uint128[] calldata reserved, uint128[] calldata provided, uint24 minFee, uint24 midFee, uint24 maxFee)
        external
        view
        returns (uint24[] memory r, bool[] memory ok, bytes4[] memory sel)
    {
        uint256 n = reserved.length;
        (r, ok, sel) = (new uint24[](n), new bool[](n), new bytes4[](n));
        for (uint256 i; i < n; ++i) {
            try this.feePips(reserved[i], provided[i], minFee, midFee, maxFee) returns (uint24 v) {
                (r[i], ok[i]) = (v, true);
            } catch (bytes memory reason) {
                sel[i] = bytes4(reason);
            }
        }
    }
}
