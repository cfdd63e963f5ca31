// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BitMath} from "./BitMath.sol";

/// @title TickMath
/// @notice Conversions between ticks and sqrt prices, sqrt(1.0001^tick) * 2^96, with Uniswap V3's results and
///         bounds. Twin of assembly/libraries/TickMath.ts.
library TickMath {
    /// @notice Thrown when |tick| > MAX_TICK.
    error InvalidTick();
    /// @notice Thrown when a sqrt price is outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO).
    error InvalidSqrtPrice();

    /// @dev log base 1.0001 of 2^-128, the smallest price a Q64.96 sqrt price can express, rounded toward zero.
    int24 internal constant MIN_TICK = -887272;
    /// @dev -MIN_TICK: prices are symmetric around tick 0.
    int24 internal constant MAX_TICK = 887272;
    /// @dev getSqrtRatioAtTick(MIN_TICK)
    uint160 internal constant MIN_SQRT_RATIO = 4295128739;
    /// @dev getSqrtRatioAtTick(MAX_TICK)
    uint160 internal constant MAX_SQRT_RATIO = 1461446703485210103287273052203988822378723970342;

    /// @notice sqrt(1.0001^tick) * 2^96.
    /// @dev Builds 1/sqrt(1.0001)^|tick| in Q128.128 as a product of the precomputed factors
    ///      1/sqrt(1.0001)^(2^i) for the set bits of |tick| (each factor rounded so the product matches
    ///      Uniswap's), inverts it for positive ticks, then converts Q128.128 to Q64.96 rounding up.
    function getSqrtRatioAtTick(int24 tick) internal pure returns (uint160 sqrtPriceX96) {
        unchecked {
            uint256 absTick = tick < 0 ? uint256(-int256(tick)) : uint256(int256(tick));
            if (absTick > uint256(int256(MAX_TICK))) revert InvalidTick();

            uint256 ratio = absTick & 0x1 != 0 ? 0xfffcb933bd6fad37aa2d162d1a594001 : 0x100000000000000000000000000000000;
            if (absTick & 0x2 != 0) ratio = (ratio * 0xfff97272373d413259a46990580e213a) >> 128;
            if (absTick & 0x4 != 0) ratio = (ratio * 0xfff2e50f5f656932ef12357cf3c7fdcc) >> 128;
            if (absTick & 0x8 != 0) ratio = (ratio * 0xffe5caca7e10e4e61c3624eaa0941cd0) >> 128;
            if (absTick & 0x10 != 0) ratio = (ratio * 0xffcb9843d60f6159c9db58835c926644) >> 128;
            if (absTick & 0x20 != 0) ratio = (ratio * 0xff973b41fa98c081472e6896dfb254c0) >> 128;
            if (absTick & 0x40 != 0) ratio = (ratio * 0xff2ea16466c96a3843ec78b326b52861) >> 128;
            if (absTick & 0x80 != 0) ratio = (ratio * 0xfe5dee046a99a2a811c461f1969c3053) >> 128;
            if (absTick & 0x100 != 0) ratio = (ratio * 0xfcbe86c7900a88aedcffc83b479aa3a4) >> 128;
            if (absTick & 0x200 != 0) ratio = (ratio * 0xf987a7253ac413176f2b074cf7815e54) >> 128;
            if (absTick & 0x400 != 0) ratio = (ratio * 0xf3392b0822b70005940c7a398e4b70f3) >> 128;
            if (absTick & 0x800 != 0) ratio = (ratio * 0xe7159475a2c29b7443b29c7fa6e889d9) >> 128;
            if (absTick & 0x1000 != 0) ratio = (ratio * 0xd097f3bdfd2022b8845ad8f792aa5825) >> 128;
            if (absTick & 0x2000 != 0) ratio = (ratio * 0xa9f746462d870fdf8a65dc1f90e061e5) >> 128;
            if (absTick & 0x4000 != 0) ratio = (ratio * 0x70d869a156d2a1b890bb3df62baf32f7) >> 128;
            if (absTick & 0x8000 != 0) ratio = (ratio * 0x31be135f97d08fd981231505542fcfa6) >> 128;
            if (absTick & 0x10000 != 0) ratio = (ratio * 0x9aa508b5b7a84e1c677de54f3e99bc9) >> 128;
            if (absTick & 0x20000 != 0) ratio = (ratio * 0x5d6af8dedb81196699c329225ee604) >> 128;
            if (absTick & 0x40000 != 0) ratio = (ratio * 0x2216e584f5fa1ea926041bedfe98) >> 128;
            if (absTick & 0x80000 != 0) ratio = (ratio * 0x48a170391f7dc42444e8fa2) >> 128;

            if (tick > 0) ratio = type(uint256).max / ratio;

            // Q128.128 -> Q64.96, rounding up so that getTickAtSqrtRatio(getSqrtRatioAtTick(t)) == t.
            sqrtPriceX96 = uint160((ratio >> 32) + (ratio & 0xffffffff == 0 ? 0 : 1));
        }
    }

    /// @notice The greatest tick t with getSqrtRatioAtTick(t) <= sqrtPriceX96.
    /// @dev log2 of the Q128.128 ratio: the integer part from the most significant bit, 14 fractional bits by
    ///      repeated squaring; then scaled to log base sqrt(1.0001). The 14 bits bound the error so that the
    ///      true tick is one of two candidates, and the candidate is checked against getSqrtRatioAtTick.
    function getTickAtSqrtRatio(uint160 sqrtPriceX96) internal pure returns (int24 tick) {
        if (sqrtPriceX96 < MIN_SQRT_RATIO || sqrtPriceX96 >= MAX_SQRT_RATIO) revert InvalidSqrtPrice();
        uint256 ratio = uint256(sqrtPriceX96) << 32;
        uint256 msb = BitMath.mostSignificantBit(ratio);

        uint256 r;
        int256 logTwo;
        unchecked {
            // Normalise to [2^127, 2^128) so squaring stays within 256 bits.
            r = msb >= 128 ? ratio >> (msb - 127) : ratio << (127 - msb);
            logTwo = (int256(msb) - 128) << 64;
        }
        assembly ("memory-safe") {
            let f
            r := shr(127, mul(r, r))
            f := shr(128, r)
            logTwo := or(logTwo, shl(63, f))
            r := shr(f, r)
            r := shr(127, mul(r, r))
            f := shr(128, r)
            logTwo := or(logTwo, shl(62, f))
            r := shr(f, r)
            r := shr(127, mul(r, r))
            f := shr(128, r)
            logTwo := or(logTwo, shl(61, f))
            r := shr(f, r)
            r := shr(127, mul(r, r))
            f := shr(128, r)
            logTwo := or(logTwo, shl(60, f))
            r := shr(f, r)
            r := shr(127, mul(r, r))
            f := shr(128, r)
            logTwo := or(logTwo, shl(59, f))
            r := shr(f, r)
            r := shr(127, mul(r, r))
            f := shr(128, r)
            logTwo := or(logTwo, shl(58, f))
            r := shr(f, r)
            r := shr(127, mul(r, r))
            f := shr(128, r)
            logTwo := or(logTwo, shl(57, f))
            r := shr(f, r)
            r := shr(127, mul(r, r))
            f := shr(128, r)
            logTwo := or(logTwo, shl(56, f))
            r := shr(f, r)
            r := shr(127, mul(r, r))
            f := shr(128, r)
            logTwo := or(logTwo, shl(55, f))
            r := shr(f, r)
            r := shr(127, mul(r, r))
            f := shr(128, r)
            logTwo := or(logTwo, shl(54, f))
            r := shr(f, r)
            r := shr(127, mul(r, r))
            f := shr(128, r)
            logTwo := or(logTwo, shl(53, f))
            r := shr(f, r)
            r := shr(127, mul(r, r))
            f := shr(128, r)
            logTwo := or(logTwo, shl(52, f))
            r := shr(f, r)
            r := shr(127, mul(r, r))
            f := shr(128, r)
            logTwo := or(logTwo, shl(51, f))
            r := shr(f, r)
            r := shr(127, mul(r, r))
            f := shr(128, r)
            logTwo := or(logTwo, shl(50, f))
            r := shr(f, r)
        }
        unchecked {
            // log_sqrt(1.0001)(x) = log2(x) / log2(sqrt(1.0001)); 255738958999603826347141 is 2^64 / log2(sqrt(1.0001)) in Q64.
            int256 logSqrt10001 = logTwo * 255738958999603826347141; // Q128.128
            // Error bounds of the 14-bit log2, widened to the two candidate ticks.
            int24 tickLow = int24((logSqrt10001 - 3402992956809132418596140100660247210) >> 128);
            int24 tickHi = int24((logSqrt10001 + 291339464771989622907027621153398088495) >> 128);
            tick = tickLow == tickHi ? tickLow : (getSqrtRatioAtTick(tickHi) <= sqrtPriceX96 ? tickHi : tickLow);
        }
    }
}
