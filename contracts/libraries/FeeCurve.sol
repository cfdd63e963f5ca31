// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {FullMath} from "./FullMath.sol";

/// @title FeeCurve
/// @notice The 2sAMM's dynamic fee: fee(q) = min(maxFee, (2*minFee - midFee) + (midFee - minFee) / (1 - q)) with
///         q = reserved / provided, in the integer form of docs/math.md. Twin of assembly/libraries/FeeCurve.ts.
library FeeCurve {
    /// @notice Thrown when not (minFeePips <= midFeePips <= maxFeePips < 1_000_000).
    error InvalidFeeParams();

    /// @notice Check the curve's parameters.
    function validate(uint24 minFeePips, uint24 midFeePips, uint24 maxFeePips) internal pure {
        if (minFeePips > midFeePips || midFeePips > maxFeePips || maxFeePips >= 1_000_000) revert InvalidFeeParams();
    }

    /// @notice Fee in pips for `reserved` (taker) and `provided` (maker) liquidity at the current price.
    /// @dev Rounds up: the fee is a charge to the trader. term = ceil((mid - min) * P / (P - R)) >= mid - min, so
    ///      2*min - mid + term >= min >= 0 and the signed form never goes negative.
    /// @param reserved Taker liquidity R at the current price
    /// @param provided Maker liquidity P at the current price
    function feePips(uint128 reserved, uint128 provided, uint24 minFeePips, uint24 midFeePips, uint24 maxFeePips)
        internal
        pure
        returns (uint24)
    {
        validate(minFeePips, midFeePips, maxFeePips);
        if (provided == 0) return minFeePips;
        if (reserved >= provided) return maxFeePips;
        uint256 term;
        unchecked {
            term = FullMath.mulDivRoundingUp(uint256(midFeePips - minFeePips), provided, provided - reserved);
        }
        // 2*min - mid + term, kept unsigned: term >= mid - min.
        uint256 fee;
        unchecked {
            fee = term + 2 * uint256(minFeePips) - uint256(midFeePips);
        }
        return fee >= maxFeePips ? maxFeePips : uint24(fee);
    }
}
