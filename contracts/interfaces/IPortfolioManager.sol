// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IPortfolioManager
/// @notice What producers call on the Portfolio Manager.
interface IPortfolioManager {
    /// @notice Installs asset `assetId` of the calling producer into `owner`'s portfolio `portfolioId`,
    ///         then checks the portfolio's solvency (reverts if insolvent). Registered producers only;
    ///         a producer calls it from the owner's own transaction that created the asset.
    function install(address owner, uint256 portfolioId, uint256 assetId) external;

    /// @notice During `IProducer.destroy`, pulls `amount` of `token` owed by the asset from the party
    ///         the PM designated (the owner on uninstall, the liquidator on liquidation) to the
    ///         producer being destroyed. Callable only by that producer, only while it is destroying.
    function settle(address token, uint256 amount) external;
}
