// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Configuration of a 2sAMM pool, fixed at creation.
interface ITwoSidedPoolImmutables {
    /// @notice The factory that created the pool; its owner is the pool's governance.
    function factory() external view returns (address);
    /// @notice The lower-address token.
    function token0() external view returns (address);
    /// @notice The higher-address token.
    function token1() external view returns (address);
    /// @notice Positions' bounds are multiples of this.
    function tickSpacing() external view returns (int24);
    /// @notice Fee curve parameters in pips: fee at q = 0, at q = 1/2, and the cap.
    function feeParams() external view returns (uint24 minFeePips, uint24 midFeePips, uint24 maxFeePips);
    /// @notice Maximum taker/maker liquidity ratio, in pips (700_000 = 70%).
    function takerCapPips() external view returns (uint24);
    /// @notice The protocol's share of each swap fee, in pips of the fee (50_000 = 5%).
    function protocolFeePips() external view returns (uint24);
    /// @notice Money market where takers' tokens are lent and whose borrow rate prices premiums (0: none).
    function moneyMarket() external view returns (address);
    /// @notice Maximum gross liquidity per tick.
    function maxLiquidityPerTick() external view returns (uint128);
}
