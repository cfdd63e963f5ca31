// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IPortfolioManager} from "../interfaces/IPortfolioManager.sol";
import {IProducer, Record} from "../interfaces/IProducer.sol";
import {RecordsCodec} from "../libraries/RecordsCodec.sol";

/// @title ProducerBase
/// @notice What every producer shares: the Portfolio Manager it plugs into, sequential asset ids, the rule
///         that only the PM destroys assets, and the valuations of a Record that reads no pool price (the
///         same Record at spot and at reference prices). Producers whose Records read a pool's price
///         derive from PoolPricedProducer instead, which overrides both.
abstract contract ProducerBase is IProducer {
    /// @notice Thrown when a caller other than the Portfolio Manager destroys an asset.
    error NotPortfolioManager();
    /// @notice Thrown for an asset id that does not exist (or was destroyed).
    error UnknownAsset(uint256 assetId);
    /// @notice Thrown for a zero amount.
    error ZeroAmount();

    event AssetCreated(uint256 indexed assetId, address indexed owner, uint256 indexed portfolioId);
    event AssetDestroyed(uint256 indexed assetId, address recipient);

    IPortfolioManager public immutable pm;
    /// @notice Id of the last asset created (ids start at 1).
    uint256 public lastAssetId;

    constructor(IPortfolioManager pm_) {
        pm = pm_;
    }

    modifier onlyPM() {
        if (msg.sender != address(pm)) revert NotPortfolioManager();
        _;
    }

    /// @inheritdoc IProducer
    function record(uint256 assetId) public view virtual returns (Record memory);

    /// @inheritdoc IProducer
    function referenceRecord(uint256 assetId) public view virtual returns (Record memory) {
        return record(assetId);
    }

    /// @inheritdoc IProducer
    function userRecords(uint256 assetId) external view virtual returns (Record memory spot, Record memory atReference) {
        spot = record(assetId);
        atReference = spot;
    }

    /// @inheritdoc IProducer
    function records(uint256[] calldata assetIds, bool atReference) external view virtual returns (Record[] memory recs) {
        recs = new Record[](assetIds.length);
        for (uint256 i; i < assetIds.length; ++i) {
            recs[i] = atReference ? referenceRecord(assetIds[i]) : record(assetIds[i]);
        }
        RecordsCodec.return1(recs);
    }

    /// @inheritdoc IProducer
    /// @dev No pool price is read: the reference Records are the spot ones, reported as an empty array.
    function valuations(uint256[] calldata assetIds, bool)
        external
        view
        virtual
        returns (Record[] memory spot, Record[] memory atReference)
    {
        spot = new Record[](assetIds.length);
        for (uint256 i; i < assetIds.length; ++i) spot[i] = record(assetIds[i]);
        atReference = new Record[](0);
        RecordsCodec.return2(spot, atReference);
    }

    function _newAssetId(address owner, uint256 portfolioId) internal returns (uint256 assetId) {
        assetId = ++lastAssetId;
        emit AssetCreated(assetId, owner, portfolioId);
    }
}
