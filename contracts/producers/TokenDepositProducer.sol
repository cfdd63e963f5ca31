// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IProducer, Record} from "../interfaces/IProducer.sol";
import {IPortfolioManager} from "../interfaces/IPortfolioManager.sol";
import {ReentrancyGuard} from "../utils/ReentrancyGuard.sol";
import {TransferHelper} from "../libraries/TransferHelper.sol";
import {ProducerBase} from "./ProducerBase.sol";

/// @title TokenDepositProducer
/// @notice Plain collateral: a deposit of one token. Record: credit = the amount, no debt, delta 0
///         (the token's own price risk is the variance factor's job, not the position's).
contract TokenDepositProducer is ProducerBase, ReentrancyGuard {
    struct Deposit {
        address token;
        uint256 amount;
    }

    mapping(uint256 assetId => Deposit) public deposits;

    constructor(IPortfolioManager pm_) ProducerBase(pm_) {}

    /// @notice Deposits `amount` of `token` (pulled from msg.sender) into msg.sender's portfolio `portfolioId`.
    function deposit(address token, uint256 amount, uint256 portfolioId) external nonReentrant returns (uint256 assetId) {
        if (amount == 0) revert ZeroAmount();
        assetId = _newAssetId(msg.sender, portfolioId);
        deposits[assetId] = Deposit(token, amount);
        TransferHelper.safeTransferFrom(token, msg.sender, address(this), amount);
        pm.install(msg.sender, portfolioId, assetId);
    }

    /// @inheritdoc IProducer
    function record(uint256 assetId) public view override returns (Record memory r) {
        Deposit storage d = deposits[assetId];
        if (d.token == address(0)) revert UnknownAsset(assetId);
        r.tokens = new address[](1);
        r.credit = new uint256[](1);
        r.debt = new uint256[](1);
        r.delta = new uint256[](1);
        r.tokens[0] = d.token;
        r.credit[0] = d.amount;
    }

    /// @inheritdoc IProducer
    function destroy(uint256 assetId, address recipient) external onlyPM nonReentrant {
        Deposit memory d = deposits[assetId];
        if (d.token == address(0)) revert UnknownAsset(assetId);
        delete deposits[assetId];
        emit AssetDestroyed(assetId, recipient);
        TransferHelper.safeTransfer(d.token, recipient, d.amount);
    }
}
