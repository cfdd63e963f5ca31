// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BitMath} from "./BitMath.sol";
import {FullMath} from "./FullMath.sol";
import {TickMath} from "./TickMath.sol";

/// @title ReferencePrice
/// @notice The arithmetic of a pool's reference price: a price that no single transaction can move, at which
///         the Portfolio Manager values liquidity positions beside the pool's spot price (docs/pm.md,
///         "Reference prices"). Twin of assembly/libraries/ReferencePrice.ts.
///         - oracleSqrtPriceX96: the sqrt price implied by two USD feeds;
///         - twapTick: the arithmetic mean tick between two tick cumulatives, rounded toward negative infinity
///           (Uniswap V3's OracleLibrary.consult convention).
library ReferencePrice {
    /// @notice Thrown when a reference price is outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO).
    error ReferencePriceOutOfRange();
    /// @notice Thrown for a time-weighted average over a window of zero seconds.
    error ZeroTwapWindow();

    /// @notice The Q64.96 sqrt of the price of token0 in token1 (raw units) implied by USD feeds:
    ///         sqrt(a0 / 10^fd0 / (a1 / 10^fd1) * 10^(td1 - td0)) * 2^96.
    /// @dev With N = a0 * 10^max(e, 0), D = a1 * 10^max(-e, 0), e = (fd1 + td1) - (fd0 + td0), the price is
    ///      N / D. When N / D < 2^64 the result is floor(sqrt(floor(N * 2^192 / D))), which equals
    ///      floor(sqrt(N * 2^192 / D)) exactly; above (sqrt prices of 2^128 or more, where N * 2^192 / D no
    ///      longer fits 256 bits) it is floor(sqrt(floor(N * 2^128 / D))) * 2^32: the exact floor with its low
    ///      32 bits cleared, below it by less than 2^32 (a relative error under 2^-96). Answers are the PM's validated ones: in (0, 2^128).
    ///      An N or D that leaves 256 bits means a price beyond the tick range.
    function oracleSqrtPriceX96(
        uint256 answer0,
        uint8 feedDecimals0,
        uint8 tokenDecimals0,
        uint256 answer1,
        uint8 feedDecimals1,
        uint8 tokenDecimals1
    ) internal pure returns (uint160) {
        uint256 scale1 = uint256(feedDecimals1) + tokenDecimals1;
        uint256 scale0 = uint256(feedDecimals0) + tokenDecimals0;
        uint256 num = answer0;
        uint256 den = answer1;
        // 10^e < 2^240 for e <= 72; an overflow of the product means N / D >= 2^128 (or D / N >= 2^128).
        if (scale1 > scale0) {
            uint256 f = 10 ** (scale1 - scale0);
            if (num > type(uint256).max / f) revert ReferencePriceOutOfRange();
            num *= f;
        } else if (scale0 > scale1) {
            uint256 f = 10 ** (scale0 - scale1);
            if (den > type(uint256).max / f) revert ReferencePriceOutOfRange();
            den *= f;
        }
        uint256 whole = num / den;
        uint256 sqrtX96;
        if (whole < 1 << 64) {
            sqrtX96 = sqrt(FullMath.mulDiv(num, 1 << 192, den));
        } else {
            if (whole >= 1 << 128) revert ReferencePriceOutOfRange();
            sqrtX96 = sqrt(FullMath.mulDiv(num, 1 << 128, den)) << 32;
        }
        if (sqrtX96 < TickMath.MIN_SQRT_RATIO || sqrtX96 >= TickMath.MAX_SQRT_RATIO) revert ReferencePriceOutOfRange();
        return uint160(sqrtX96);
    }

    /// @notice The mean tick over `window` seconds between two tick cumulatives, rounded toward negative infinity.
    function twapTick(int56 tickCumulativeStart, int56 tickCumulativeEnd, uint32 window) internal pure returns (int24) {
        if (window == 0) revert ZeroTwapWindow();
        int256 delta = int256(tickCumulativeEnd) - tickCumulativeStart;
        int256 w = int256(uint256(window));
        int256 mean = delta / w;
        if (delta < 0 && delta % w != 0) --mean;
        // Each cumulative is a sum of in-range ticks times seconds, so the mean is in range for honest pools;
        // a pool reporting otherwise is refused rather than clamped.
        if (mean < TickMath.MIN_TICK || mean > TickMath.MAX_TICK) revert ReferencePriceOutOfRange();
        return int24(mean);
    }

    /// @notice floor(sqrt(x)).
    /// @dev Newton's iteration from a start above the root decreases strictly until it reaches floor(sqrt(x)).
    function sqrt(uint256 x) internal pure returns (uint256 r) {
        if (x == 0) return 0;
        // x < 2^(msb + 1), so sqrt(x) < 2^(msb / 2 + 1): a start at or above the root.
        r = uint256(1) << ((uint256(BitMath.mostSignificantBit(x)) >> 1) + 1);
        while (true) {
            uint256 y = (r + x / r) >> 1;
            if (y >= r) return r;
            r = y;
        }
    }
}
