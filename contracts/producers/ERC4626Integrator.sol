// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IProducer, Record} from "../interfaces/IProducer.sol";
import {IPortfolioManager} from "../interfaces/IPortfolioManager.sol";
import {Owned} from "../utils/Owned.sol";
import {ReentrancyGuard} from "../utils/ReentrancyGuard.sol";
import {TransferHelper} from "../libraries/TransferHelper.sol";
import {FullMath} from "../libraries/FullMath.sol";
import {ProducerBase} from "./ProducerBase.sol";

/// @notice The part of ERC-4626 the integrator uses.
interface IERC4626Minimal {
    function asset() external view returns (address);
    function convertToAssets(uint256 shares) external view returns (uint256);
    function redeem(uint256 shares, address receiver, address owner) external returns (uint256 assets);
}

/// @title ERC4626Integrator
/// @notice Accepts ERC-4626 vault shares as a position. The shares are pulled from the owner and held
///         here; the position is valued in the vault's underlying asset.
///         Record (one token, the vault's asset): credit = `convertToAssets(shares)` (the vault rounds
///         down; capped at 2^128 - 1), debt = 0, delta = ceil(credit * riskPips / 1e6) where `riskPips` is a per-vault
///         governance parameter: the share of the asset value the vault itself could lose while a
///         liquidation is under way (strategy loss, exploit, redemption delay). The underlying's own
///         price risk stays the variance factor's job; the delta prices only the wrapper.
///         Destroy: on uninstall (recipient = the owner) the shares go back unchanged; on liquidation
///         (recipient = the PM) the shares are redeemed and the assets go to the PM, because the PM pays
///         the liquidator in the Record's token.
contract ERC4626Integrator is ProducerBase, Owned, ReentrancyGuard {
    /// @notice Thrown when depositing shares of a vault governance has not listed.
    error VaultNotListed(address vault);
    /// @notice Thrown when a vault's risk parameter is above 100% (1e6 pips).
    error InvalidParameter();

    event VaultSet(address indexed vault, bool listed, uint32 riskPips);
    event SharesDeposited(uint256 indexed assetId, address indexed vault, uint256 shares);
    event SharesReturned(uint256 indexed assetId, address indexed recipient, uint256 shares);
    event SharesRedeemed(uint256 indexed assetId, address indexed recipient, uint256 shares, uint256 assets);

    uint256 internal constant PIPS = 1_000_000;

    struct VaultConfig {
        bool listed; // new deposits allowed
        uint32 riskPips; // delta as a share of the asset value, pips
    }

    struct Position {
        address vault;
        uint256 shares;
    }

    mapping(address vault => VaultConfig) public vaults;
    mapping(uint256 assetId => Position) public positions;

    constructor(IPortfolioManager pm_, address owner_) ProducerBase(pm_) Owned(owner_) {}

    /// @notice Lists (or delists) `vault` with its risk parameter in pips (at most 1e6). Delisting stops
    ///         new deposits only; existing positions keep being valued with the vault's last parameter.
    function setVault(address vault, bool listed, uint32 riskPips) external onlyOwner {
        if (riskPips > PIPS) revert InvalidParameter();
        vaults[vault] = VaultConfig(listed, riskPips);
        emit VaultSet(vault, listed, riskPips);
    }

    /// @notice Deposits `shares` of `vault` (pulled from msg.sender) into msg.sender's portfolio
    ///         `portfolioId`; the portfolio must be solvent afterwards (checked by the PM).
    function deposit(address vault, uint256 shares, uint256 portfolioId) external nonReentrant returns (uint256 assetId) {
        if (shares == 0) revert ZeroAmount();
        if (!vaults[vault].listed) revert VaultNotListed(vault);
        assetId = _newAssetId(msg.sender, portfolioId);
        positions[assetId] = Position(vault, shares);
        emit SharesDeposited(assetId, vault, shares);
        TransferHelper.safeTransferFrom(vault, msg.sender, address(this), shares);
        pm.install(msg.sender, portfolioId, assetId);
    }

    /// @inheritdoc IProducer
    function record(uint256 assetId) public view override returns (Record memory r) {
        Position storage p = positions[assetId];
        if (p.vault == address(0)) revert UnknownAsset(assetId);
        IERC4626Minimal v = IERC4626Minimal(p.vault);
        r.tokens = new address[](1);
        r.credit = new uint256[](1);
        r.debt = new uint256[](1);
        r.delta = new uint256[](1);
        r.tokens[0] = v.asset();
        uint256 assets = v.convertToAssets(p.shares);
        // Capped so the Record stays valid (amounts below 2^128) whatever the vault reports.
        if (assets > type(uint128).max) assets = type(uint128).max;
        r.credit[0] = assets;
        r.delta[0] = FullMath.mulDivRoundingUp(assets, vaults[p.vault].riskPips, PIPS);
    }

    /// @inheritdoc IProducer
    function destroy(uint256 assetId, address recipient) external onlyPM nonReentrant {
        Position memory p = positions[assetId];
        if (p.vault == address(0)) revert UnknownAsset(assetId);
        delete positions[assetId];
        emit AssetDestroyed(assetId, recipient);
        if (recipient == address(pm)) {
            // Liquidation: the PM splits the Record's token between the liquidator and the owner.
            uint256 assets = IERC4626Minimal(p.vault).redeem(p.shares, recipient, address(this));
            emit SharesRedeemed(assetId, recipient, p.shares, assets);
        } else {
            emit SharesReturned(assetId, recipient, p.shares);
            TransferHelper.safeTransfer(p.vault, recipient, p.shares);
        }
    }
}
