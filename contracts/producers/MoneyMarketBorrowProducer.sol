// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IProducer, Record} from "../interfaces/IProducer.sol";
import {IPortfolioManager} from "../interfaces/IPortfolioManager.sol";
import {IERC20Minimal} from "../interfaces/IERC20Minimal.sol";
import {Owned} from "../utils/Owned.sol";
import {ReentrancyGuard} from "../utils/ReentrancyGuard.sol";
import {FullMath} from "../libraries/FullMath.sol";
import {MoneyMarket} from "../MoneyMarket.sol";
import {ProducerBase} from "./ProducerBase.sol";

/// @title MoneyMarketBorrowProducer
/// @notice A borrow from the money market, owed by a portfolio. This contract is the market's
///         authorised borrower; it holds every position's borrow shares and tracks them per asset.
///         Record: debt = the shares' current value (rounded up); delta = the interest that can accrue
///         over the liquidation window at the rate model's highest rate (100% utilisation):
///         ceil(debt * maxBorrowRatePerSecondX64 * liquidationWindow / 2^64). The current rate would be a
///         value one transaction can move (a flash supply lowers it, a withdrawal of idle cash raises it);
///         the model's maximum moves only with governance.
contract MoneyMarketBorrowProducer is ProducerBase, Owned, ReentrancyGuard {
    /// @notice Thrown when the liquidation window is zero or above 30 days.
    error InvalidLiquidationWindow();

    event LiquidationWindowSet(uint256 seconds_);

    struct Borrow {
        address token;
        uint256 shares;
    }

    MoneyMarket public immutable market;
    /// @notice Seconds a liquidation may take; interest over it is the position's delta.
    uint256 public liquidationWindow;
    mapping(uint256 assetId => Borrow) public borrows;

    constructor(IPortfolioManager pm_, MoneyMarket market_, address owner_, uint256 window_) ProducerBase(pm_) Owned(owner_) {
        market = market_;
        _setWindow(window_);
    }

    /// @notice Sets the liquidation window in seconds (governance).
    function setLiquidationWindow(uint256 window_) external onlyOwner {
        _setWindow(window_);
    }

    function _setWindow(uint256 window_) internal {
        if (window_ == 0 || window_ > 30 days) revert InvalidLiquidationWindow();
        liquidationWindow = window_;
        emit LiquidationWindowSet(window_);
    }

    /// @notice Borrows `amount` of `token` to msg.sender, owed by msg.sender's portfolio `portfolioId`,
    ///         which must stay solvent (the PM checks on install).
    function borrow(address token, uint256 amount, uint256 portfolioId) external nonReentrant returns (uint256 assetId) {
        if (amount == 0) revert ZeroAmount();
        assetId = _newAssetId(msg.sender, portfolioId);
        uint256 shares = market.borrow(token, amount, msg.sender);
        borrows[assetId] = Borrow(token, shares);
        pm.install(msg.sender, portfolioId, assetId);
    }

    /// @inheritdoc IProducer
    function record(uint256 assetId) public view override returns (Record memory r) {
        Borrow storage b = borrows[assetId];
        if (b.token == address(0)) revert UnknownAsset(assetId);
        r.tokens = new address[](1);
        r.credit = new uint256[](1);
        r.debt = new uint256[](1);
        r.delta = new uint256[](1);
        r.tokens[0] = b.token;
        uint256 debt = market.borrowSharesToAmount(b.token, b.shares);
        r.debt[0] = debt;
        r.delta[0] = FullMath.mulDivRoundingUp(debt, market.maxBorrowRatePerSecondX64(b.token) * liquidationWindow, 1 << 64);
    }

    /// @inheritdoc IProducer
    function destroy(uint256 assetId, address recipient) external onlyPM nonReentrant {
        Borrow memory b = borrows[assetId];
        if (b.token == address(0)) revert UnknownAsset(assetId);
        delete borrows[assetId];
        emit AssetDestroyed(assetId, recipient);
        uint256 owed = market.borrowSharesToAmount(b.token, b.shares);
        pm.settle(b.token, owed);
        IERC20Minimal(b.token).approve(address(market), owed);
        market.repayShares(b.token, b.shares, address(this));
    }
}
