// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {FactoryPools} from "../libraries/FactoryPools.sol";
import {ITwoSidedPoolFactory} from "../interfaces/ITwoSidedPoolFactory.sol";
import {IProducer, Record} from "../interfaces/IProducer.sol";
import {IPortfolioManager} from "../interfaces/IPortfolioManager.sol";
import {ITwoSidedPool} from "../interfaces/ITwoSidedPool.sol";
import {ITwoSidedMintCallback} from "../interfaces/callback/ITwoSidedMintCallback.sol";
import {ReentrancyGuard} from "../utils/ReentrancyGuard.sol";
import {TransferHelper} from "../libraries/TransferHelper.sol";
import {TwoSidedPoolLens} from "../TwoSidedPoolLens.sol";
import {PoolPricedProducer} from "./PoolPricedProducer.sol";
import {ProducerBase} from "./ProducerBase.sol";

/// @title TwoSidedMakerProducer
/// @notice 2sAMM maker liquidity as a portfolio position. Each asset is held by its own small
///         `MakerHolder` contract (the pool keys positions by owner and range, so a holder per asset
///         keeps assets in the same range apart without re-implementing the pool's fee accounting).
///         Record: credits = the tokens a burn of all the liquidity would release now plus the fees
///         and premiums owed to it (both rounded down, from the pool lens); no debt; delta 0 (a maker
///         position only holds tokens; their price risk is the variance factor's job). The amounts are
///         valued at the pool's spot price and at its reference price (PoolPricedProducer).
contract TwoSidedMakerProducer is PoolPricedProducer, ReentrancyGuard {
    /// @notice Thrown when a caller other than the asset's holder asks for payment.
    error NotHolder();

    struct Maker {
        address pool;
        address holder;
        int24 tickLower;
        int24 tickUpper;
    }

    TwoSidedPoolLens public immutable lens;
    /// @notice The factory whose pools are accepted (Records are read from the pool, so a look-alike
    ///         contract must not be able to report one).
    ITwoSidedPoolFactory public immutable factory;
    mapping(uint256 assetId => Maker) public makers;

    // The mint in progress: who pays, and the only holder allowed to ask.
    address private transient _payer;
    address private transient _minting;

    constructor(IPortfolioManager pm_, TwoSidedPoolLens lens_, ITwoSidedPoolFactory factory_) ProducerBase(pm_) {
        lens = lens_;
        factory = factory_;
    }

    /// @notice Adds `liquidity` over [tickLower, tickUpper) of `pool` as a new asset in msg.sender's
    ///         portfolio `portfolioId`. msg.sender pays the amounts (approve this producer).
    function mint(ITwoSidedPool pool, int24 tickLower, int24 tickUpper, uint128 liquidity, uint256 portfolioId)
        external
        nonReentrant
        returns (uint256 assetId, uint256 amount0, uint256 amount1)
    {
        FactoryPools.requireFactoryPool(factory, pool);
        if (liquidity == 0) revert ZeroAmount();
        assetId = _newAssetId(msg.sender, portfolioId);
        MakerHolder holder = new MakerHolder(pool);
        makers[assetId] = Maker(address(pool), address(holder), tickLower, tickUpper);
        (_payer, _minting) = (msg.sender, address(holder));
        (amount0, amount1) = holder.mint(tickLower, tickUpper, liquidity);
        (_payer, _minting) = (address(0), address(0));
        pm.install(msg.sender, portfolioId, assetId);
    }

    /// @notice Called by the holder from its mint callback: pays `amount` of `token` to `to` from the minter.
    function payForHolder(address token, address to, uint256 amount) external {
        if (msg.sender != _minting || _minting == address(0)) revert NotHolder();
        TransferHelper.safeTransferFrom(token, _payer, to, amount);
    }

    function _pricePool(uint256 assetId) internal view override returns (address pool) {
        pool = makers[assetId].pool;
        if (pool == address(0)) revert UnknownAsset(assetId);
    }

    function _recordAt(uint256 assetId, uint160 sqrtPriceX96, int24) internal view override returns (Record memory r) {
        Maker storage m = makers[assetId];
        ITwoSidedPool pool = ITwoSidedPool(m.pool);
        TwoSidedPoolLens.MakerValue memory v = lens.makerValueAt(pool, m.holder, m.tickLower, m.tickUpper, sqrtPriceX96);
        r.tokens = new address[](2);
        r.credit = new uint256[](2);
        r.debt = new uint256[](2);
        r.delta = new uint256[](2);
        (r.tokens[0], r.tokens[1]) = (pool.token0(), pool.token1());
        (r.credit[0], r.credit[1]) = (v.amount0 + v.owed0, v.amount1 + v.owed1);
    }

    /// @inheritdoc IProducer
    function destroy(uint256 assetId, address recipient) external onlyPM nonReentrant {
        Maker memory m = makers[assetId];
        if (m.pool == address(0)) revert UnknownAsset(assetId);
        delete makers[assetId];
        emit AssetDestroyed(assetId, recipient);
        MakerHolder(m.holder).close(m.tickLower, m.tickUpper, recipient);
    }
}

/// @title MakerHolder
/// @notice Holds one maker position for the TwoSidedMakerProducer that created it.
contract MakerHolder is ITwoSidedMintCallback {
    /// @notice Thrown when a caller other than the producer (or, in the callback, the pool) calls.
    error Unauthorized();

    TwoSidedMakerProducer public immutable producer;
    ITwoSidedPool public immutable pool;
    uint128 public liquidity;

    constructor(ITwoSidedPool pool_) {
        producer = TwoSidedMakerProducer(msg.sender);
        pool = pool_;
    }

    function mint(int24 tickLower, int24 tickUpper, uint128 amount) external returns (uint256, uint256) {
        if (msg.sender != address(producer)) revert Unauthorized();
        liquidity = amount;
        return pool.mint(address(this), tickLower, tickUpper, amount, "");
    }

    function twoSidedMintCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata) external {
        if (msg.sender != address(pool)) revert Unauthorized();
        if (amount0Owed != 0) producer.payForHolder(pool.token0(), address(pool), amount0Owed);
        if (amount1Owed != 0) producer.payForHolder(pool.token1(), address(pool), amount1Owed);
    }

    /// @notice Burns all the liquidity and sends everything owed (tokens, fees, premiums) to `recipient`.
    function close(int24 tickLower, int24 tickUpper, address recipient) external {
        if (msg.sender != address(producer)) revert Unauthorized();
        uint128 l = liquidity;
        liquidity = 0;
        pool.burn(tickLower, tickUpper, l);
        pool.collect(recipient, tickLower, tickUpper, type(uint128).max, type(uint128).max);
    }
}
