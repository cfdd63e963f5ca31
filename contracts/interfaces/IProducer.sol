// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @notice What a position is worth, per token: the tokens it holds (`credit`), owes (`debt`), and the
///         debt that could appear while a liquidation is under way (`delta`). The four arrays have one
///         entry per token, in the same order. Amounts are in token units; each must be below 2^128.
struct Record {
    address[] tokens;
    uint256[] credit;
    uint256[] debt;
    uint256[] delta;
}

/// @title IProducer
/// @notice A DeFi primitive that creates assets, hands them to the Portfolio Manager and values them.
///         Only the Portfolio Manager destroys assets.
interface IProducer {
    /// @notice The Record of asset `assetId` now.
    function record(uint256 assetId) external view returns (Record memory);

    /// @notice Destroys asset `assetId` (Portfolio Manager only). The producer sends the asset's credits
    ///         to `recipient` and collects its debts by calling back `IPortfolioManager.settle` for each
    ///         token owed, which pulls the tokens from the party the PM designates.
    function destroy(uint256 assetId, address recipient) external;
}
