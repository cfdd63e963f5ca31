// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Computed views of a 2sAMM pool. Position values and batched tick reads are in TwoSidedPoolLens.
interface ITwoSidedPoolDerivedState {
    /// @notice The fee (pips) a swap would pay now at the current price.
    function currentFeePips() external view returns (uint24);

    /// @notice The oracle's accumulators as of each `secondsAgos[i]` seconds ago, exactly as Uniswap V3's observe:
    ///         interpolated between observations, the newest carried forward to now at the current tick and active
    ///         liquidity. A time-weighted average tick over [now - a, now - b] is
    ///         (tickCumulatives[b] - tickCumulatives[a]) / (a - b), rounded toward negative infinity by the reader.
    /// @dev Reverts ObservationTooOld for a time before the oldest observation (raise the cardinality with
    ///      increaseObservationCardinalityNext to cover a longer window).
    function observe(uint32[] calldata secondsAgos)
        external
        view
        returns (int56[] memory tickCumulatives, uint160[] memory secondsPerLiquidityCumulativeX128s);

    /// @notice Sums over the initialized ticks in [tickLower, tickUpper) of the premium accumulators, accrued to
    ///         now (not written). A position's premium since its last update is
    ///         liquidity x (sum now - premiumInsideLast) / 2^128: rounded down for makers, up for takers.
    function premiumGrowthInside(int24 tickLower, int24 tickUpper)
        external
        view
        returns (uint256 maker0X128, uint256 maker1X128, uint256 taker0X128, uint256 taker1X128);
}
