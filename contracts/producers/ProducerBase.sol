// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IPortfolioManager} from "../interfaces/IPortfolioManager.sol";

/// @title ProducerBase
/// @notice What every producer shares: the Portfolio Manager it plugs into, sequential asset ids and
///         the rule that only the PM destroys assets.
abstract contract ProducerBase {
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

    function _newAssetId(address owner, uint256 portfolioId) internal returns (uint256 assetId) {
        assetId = ++lastAssetId;
        emit AssetCreated(assetId, owner, portfolioId);
    }
}
