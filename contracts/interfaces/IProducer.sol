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
/// @dev A Record that depends on a pool's price has two valuations (docs/pm.md, "Two valuations"): at the
///      pool's spot price (`record`) and at the pool's reference price, which no single transaction can move
///      (`referenceRecord`, from `IPortfolioManager.referenceSqrtPriceX96`). Records that depend on no pool
///      price report the same Record for both. Both list the same tokens in the same order.
interface IProducer {
    /// @notice The Record of asset `assetId` now, at the spot prices of the pools it reads.
    function record(uint256 assetId) external view returns (Record memory);

    /// @notice The Record of asset `assetId` now, at the reference prices of the pools it reads.
    function referenceRecord(uint256 assetId) external view returns (Record memory);

    /// @notice Both Records, for the Portfolio Manager's check after a user action. Reverts with
    ///         `IPortfolioManager.PriceDeviation` when a pool's spot price is further than its
    ///         `maxDeviationTicks` from its reference price.
    function userRecords(uint256 assetId) external view returns (Record memory spot, Record memory atReference);

    /// @notice The Records of several assets of this producer in one call, at spot prices or (`atReference`)
    ///         at reference prices, in the order of `assetIds`: a portfolio pays one call per producer.
    function records(uint256[] calldata assetIds, bool atReference) external view returns (Record[] memory);

    /// @notice Both valuations of several assets in one call, in the order of `assetIds`. `atReference` is
    ///         empty when this producer's Records read no pool price (they are then `spot`, so the caller
    ///         nets them once); otherwise it has one Record per asset. With `guarded` (the Portfolio Manager's
    ///         check after a user action) reverts as `userRecords` does on a pool too far from its reference.
    function valuations(uint256[] calldata assetIds, bool guarded)
        external
        view
        returns (Record[] memory spot, Record[] memory atReference);

    /// @notice Destroys asset `assetId` (Portfolio Manager only). The producer sends the asset's credits
    ///         to `recipient` and collects its debts by calling back `IPortfolioManager.settle` for each
    ///         token owed, which pulls the tokens from the party the PM designates.
    function destroy(uint256 assetId, address recipient) external;
}
