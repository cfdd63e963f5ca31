// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {FullMath} from "./FullMath.sol";
import {SqrtPriceMath} from "./SqrtPriceMath.sol";

/// @title SwapMath
/// @notice One step of a swap within a single liquidity range, exactly as Uniswap V3 computes it.
///         Twin of assembly/libraries/SwapMath.ts.
library SwapMath {
    /// @notice Swap within one range toward `sqrtRatioTargetX96`.
    /// @param sqrtRatioCurrentX96 The current sqrt price
    /// @param sqrtRatioTargetX96 The price the step may not pass (next tick or the price limit); its side of the
    ///        current price gives the direction
    /// @param liquidity The active liquidity of the range
    /// @param amountRemaining > 0: input still to swap (exact in); < 0: output still to receive (exact out)
    /// @param feePips The fee in pips, taken from the input
    /// @return sqrtRatioNextX96 The price after the step, never beyond the target
    /// @return amountIn Input used, excluding the fee (rounded up)
    /// @return amountOut Output produced (rounded down)
    /// @return feeAmount Fee taken from the input (rounded up; in an exact-in step that stops short of the
    ///         target, the whole unused remainder)
    function computeSwapStep(
        uint160 sqrtRatioCurrentX96,
        uint160 sqrtRatioTargetX96,
        uint128 liquidity,
        int256 amountRemaining,
        uint24 feePips
    ) internal pure returns (uint160 sqrtRatioNextX96, uint256 amountIn, uint256 amountOut, uint256 feeAmount) {
        unchecked {
            bool zeroForOne = sqrtRatioCurrentX96 >= sqrtRatioTargetX96;
            bool exactIn = amountRemaining >= 0;
            // |amountRemaining|; 2^255 for type(int256).min.
            uint256 amountRemainingAbs = exactIn ? uint256(amountRemaining) : uint256(-amountRemaining);

            if (exactIn) {
                uint256 amountRemainingLessFee = FullMath.mulDiv(amountRemainingAbs, 1e6 - feePips, 1e6);
                amountIn = zeroForOne
                    ? SqrtPriceMath.getAmount0Delta(sqrtRatioTargetX96, sqrtRatioCurrentX96, liquidity, true)
                    : SqrtPriceMath.getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, true);
                sqrtRatioNextX96 = amountRemainingLessFee >= amountIn
                    ? sqrtRatioTargetX96
                    : SqrtPriceMath.getNextSqrtPriceFromInput(sqrtRatioCurrentX96, liquidity, amountRemainingLessFee, zeroForOne);
            } else {
                amountOut = zeroForOne
                    ? SqrtPriceMath.getAmount1Delta(sqrtRatioTargetX96, sqrtRatioCurrentX96, liquidity, false)
                    : SqrtPriceMath.getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioTargetX96, liquidity, false);
                sqrtRatioNextX96 = amountRemainingAbs >= amountOut
                    ? sqrtRatioTargetX96
                    : SqrtPriceMath.getNextSqrtPriceFromOutput(sqrtRatioCurrentX96, liquidity, amountRemainingAbs, zeroForOne);
            }

            bool max = sqrtRatioTargetX96 == sqrtRatioNextX96;

            // Amounts already computed for the full move are reused only when the step reached the target.
            if (zeroForOne) {
                if (!(max && exactIn)) {
                    amountIn = SqrtPriceMath.getAmount0Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, true);
                }
                if (!(max && !exactIn)) {
                    amountOut = SqrtPriceMath.getAmount1Delta(sqrtRatioNextX96, sqrtRatioCurrentX96, liquidity, false);
                }
            } else {
                if (!(max && exactIn)) {
                    amountIn = SqrtPriceMath.getAmount1Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, true);
                }
                if (!(max && !exactIn)) {
                    amountOut = SqrtPriceMath.getAmount0Delta(sqrtRatioCurrentX96, sqrtRatioNextX96, liquidity, false);
                }
            }

            // The rounded-up price move may produce a little more output than asked for.
            if (!exactIn && amountOut > amountRemainingAbs) amountOut = amountRemainingAbs;

            feeAmount = exactIn && sqrtRatioNextX96 != sqrtRatioTargetX96
                ? amountRemainingAbs - amountIn // the step ends here: the unused input is all fee
                : FullMath.mulDivRoundingUp(amountIn, feePips, 1e6 - feePips);
        }
    }
}
