// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {LiquidityAmounts} from "../libraries/LiquidityAmounts.sol";
import {TickMath} from "../libraries/TickMath.sol";

/// @title LiquidityAmountsHarness
/// @notice External wrapper over LiquidityAmounts for differential tests.
contract LiquidityAmountsHarness {
    function getAmountsForLiquidity(uint160 sqrtP, uint160 sqrtLower, uint160 sqrtUpper, uint128 liquidity, bool roundUp)
        external
        pure
        returns (uint256, uint256)
    {
        return LiquidityAmounts.getAmountsForLiquidity(sqrtP, sqrtLower, sqrtUpper, liquidity, roundUp);
    }

    /// @dev The same with the bounds given as ticks (as the pool, the lens and the producers call it).
    function getAmountsForLiquidityAtTicks(uint160 sqrtP, int24 tickLower, int24 tickUpper, uint128 liquidity, bool roundUp)
        external
        pure
        returns (uint256, uint256)
    {
        uint160 sqrtLower = TickMath.getSqrtRatioAtTick(tickLower);
        uint160 sqrtUpper = TickMath.getSqrtRatioAtTick(tickUpper);
        return LiquidityAmounts.getAmountsForLiquidity(sqrtP, sqrtLower, sqrtUpper, liquidity, roundUp);
    }
}
