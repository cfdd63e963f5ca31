// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IProducer, Record} from "../interfaces/IProducer.sol";
import {IPortfolioManager} from "../interfaces/IPortfolioManager.sol";
import {IERC20Minimal} from "../interfaces/IERC20Minimal.sol";
import {ReentrancyGuard} from "../utils/ReentrancyGuard.sol";
import {TransferHelper} from "../libraries/TransferHelper.sol";
import {MoneyMarket} from "../MoneyMarket.sol";
import {ProducerBase} from "./ProducerBase.sol";

/// @title MoneyMarketLendProducer
/// @notice A lend position in the money market as collateral. Record: credit = the shares' current
///         value (rounded down), no debt, delta 0 (a lend only grows).
contract MoneyMarketLendProducer is ProducerBase, ReentrancyGuard {
    struct Lend {
        address token;
        uint256 shares;
    }

    MoneyMarket public immutable market;
    mapping(uint256 assetId => Lend) public lends;

    constructor(IPortfolioManager pm_, MoneyMarket market_) ProducerBase(pm_) {
        market = market_;
    }

    /// @notice Lends `amount` of `token` (pulled from msg.sender) into msg.sender's portfolio `portfolioId`.
    function lend(address token, uint256 amount, uint256 portfolioId) external nonReentrant returns (uint256 assetId) {
        if (amount == 0) revert ZeroAmount();
        assetId = _newAssetId(msg.sender, portfolioId);
        TransferHelper.safeTransferFrom(token, msg.sender, address(this), amount);
        IERC20Minimal(token).approve(address(market), amount);
        uint256 shares = market.supply(token, amount);
        lends[assetId] = Lend(token, shares);
        pm.install(msg.sender, portfolioId, assetId);
    }

    /// @inheritdoc IProducer
    function record(uint256 assetId) public view override returns (Record memory r) {
        Lend storage l = lends[assetId];
        if (l.token == address(0)) revert UnknownAsset(assetId);
        r.tokens = new address[](1);
        r.credit = new uint256[](1);
        r.debt = new uint256[](1);
        r.delta = new uint256[](1);
        r.tokens[0] = l.token;
        r.credit[0] = market.sharesToAmount(l.token, l.shares);
    }

    /// @inheritdoc IProducer
    function destroy(uint256 assetId, address recipient) external onlyPM nonReentrant {
        Lend memory l = lends[assetId];
        if (l.token == address(0)) revert UnknownAsset(assetId);
        delete lends[assetId];
        emit AssetDestroyed(assetId, recipient);
        market.withdraw(l.token, l.shares, recipient);
    }
}
