// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IPortfolioManager
/// @notice What producers call on the Portfolio Manager.
interface IPortfolioManager {
    /// @notice Thrown when a pool's spot tick is further than its `maxDeviationTicks` from the tick of its
    ///         reference price, on the check after a user action (docs/pm.md, "Two valuations").
    error PriceDeviation(address pool, int24 spotTick, int24 referenceTick);
    /// @notice Thrown when a pool's observations cannot cover its TWAP window (or it has no `observe`).
    error TwapUnavailable(address pool, uint32 window);

    /// @notice Installs asset `assetId` of the calling producer into `owner`'s portfolio `portfolioId`,
    ///         then checks the portfolio's solvency (reverts if insolvent). Registered producers only;
    ///         a producer calls it from the owner's own transaction that created the asset.
    function install(address owner, uint256 portfolioId, uint256 assetId) external;

    /// @notice During `IProducer.destroy`, pulls `amount` of `token` owed by the asset from the party
    ///         the PM designated (the owner on uninstall, the liquidator on liquidation) to the
    ///         producer being destroyed. Callable only by that producer, only while it is destroying.
    function settle(address token, uint256 amount) external;

    /// @notice The reference sqrt price (Q64.96) of `pool` (token1 per token0): implied by the two tokens'
    ///         feeds where both have one in the registry, else the pool's own time-weighted average tick
    ///         over its window. No single transaction can move it.
    function referenceSqrtPriceX96(address pool) external view returns (uint160);

    /// @notice `referenceSqrtPriceX96(pool)`, reverting with `PriceDeviation` when `spotTick` is further
    ///         than the pool's `maxDeviationTicks` from the reference price's tick.
    function checkedReferenceSqrtPriceX96(address pool, int24 spotTick) external view returns (uint160);
}
