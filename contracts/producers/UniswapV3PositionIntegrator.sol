// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IProducer, Record} from "../interfaces/IProducer.sol";
import {IPortfolioManager} from "../interfaces/IPortfolioManager.sol";
import {
    INonfungiblePositionManagerMinimal,
    IUniswapV3FactoryMinimal,
    IUniswapV3PoolState
} from "../interfaces/external/IUniswapV3.sol";
import {Owned} from "../utils/Owned.sol";
import {ReentrancyGuard} from "../utils/ReentrancyGuard.sol";
import {TickMath} from "../libraries/TickMath.sol";
import {UniswapV3PositionValue} from "../libraries/UniswapV3PositionValue.sol";
import {PoolPricedProducer} from "./PoolPricedProducer.sol";
import {ProducerBase} from "./ProducerBase.sol";

/// @title UniswapV3PositionIntegrator
/// @notice Accepts Uniswap V3 liquidity positions (NonfungiblePositionManager NFTs) as collateral.
///         Record (token0, token1): credit = the position's token amounts at the pool's current price
///         (rounded down, what a burn pays) + uncollected fees (from the pool's fee growth inside the
///         range, as the position manager computes them, rounded down); debt = 0; delta = the loss
///         against holding those amounts if the price moves `moveTicks` (a per-pool governance
///         parameter) either way (see UniswapV3PositionValue.gammaDelta and docs/producers.md). The
///         amounts and the delta are valued at the pool's spot price and at its reference price (the
///         feeds, or the Uniswap pool's own TWAP; PoolPricedProducer); the fees are the pool's.
///         Destroy: on uninstall (recipient = the owner) the NFT goes back untouched; on liquidation
///         (recipient = the PM) the liquidity is withdrawn and all tokens (amounts + fees) are collected
///         to the PM, which pays the liquidator in the Record's tokens; the emptied NFT returns to its owner.
contract UniswapV3PositionIntegrator is PoolPricedProducer, Owned, ReentrancyGuard {
    /// @notice Thrown when depositing a position of a pool governance has not listed.
    error PoolNotListed(address pool);
    /// @notice Thrown when a pool's move parameter is outside [0, MAX_TICK].
    error InvalidParameter();

    event PoolSet(address indexed pool, bool listed, int24 moveTicks);
    event PositionDeposited(uint256 indexed assetId, uint256 indexed tokenId, address indexed pool);
    event PositionReturned(uint256 indexed assetId, uint256 indexed tokenId, address indexed recipient);
    event PositionLiquidated(uint256 indexed assetId, uint256 indexed tokenId, uint256 amount0, uint256 amount1);

    struct PoolConfig {
        bool listed; // new deposits allowed
        int24 moveTicks; // the price move the delta covers, in ticks (1000 ticks ~ 10.5%)
    }

    struct Position {
        uint256 tokenId;
        address pool;
        address owner;
    }

    INonfungiblePositionManagerMinimal public immutable positionManager;
    IUniswapV3FactoryMinimal public immutable factory;
    mapping(address pool => PoolConfig) public pools;
    mapping(uint256 assetId => Position) public positions;

    constructor(IPortfolioManager pm_, address owner_, INonfungiblePositionManagerMinimal positionManager_)
        ProducerBase(pm_)
        Owned(owner_)
    {
        positionManager = positionManager_;
        factory = IUniswapV3FactoryMinimal(positionManager_.factory());
    }

    /// @notice Lists (or delists) a Uniswap V3 pool with the price move its positions' delta covers.
    ///         Delisting stops new deposits only.
    function setPool(address pool, bool listed, int24 moveTicks) external onlyOwner {
        if (moveTicks < 0 || moveTicks > TickMath.MAX_TICK) revert InvalidParameter();
        pools[pool] = PoolConfig(listed, moveTicks);
        emit PoolSet(pool, listed, moveTicks);
    }

    /// @notice Deposits position NFT `tokenId` (pulled from msg.sender, who must own it) into
    ///         msg.sender's portfolio `portfolioId`; the portfolio must be solvent afterwards.
    function deposit(uint256 tokenId, uint256 portfolioId) external nonReentrant returns (uint256 assetId) {
        (,, address token0, address token1, uint24 fee,,,,,,,) = positionManager.positions(tokenId);
        address pool = factory.getPool(token0, token1, fee);
        if (pool == address(0) || !pools[pool].listed) revert PoolNotListed(pool);
        assetId = _newAssetId(msg.sender, portfolioId);
        positions[assetId] = Position(tokenId, pool, msg.sender);
        emit PositionDeposited(assetId, tokenId, pool);
        positionManager.transferFrom(msg.sender, address(this), tokenId);
        pm.install(msg.sender, portfolioId, assetId);
    }

    function _pricePool(uint256 assetId) internal view override returns (address pool) {
        pool = positions[assetId].pool;
        if (pool == address(0)) revert UnknownAsset(assetId);
    }

    function _recordAt(uint256 assetId, uint160 sqrtPriceX96, int24) internal view override returns (Record memory r) {
        Position storage a = positions[assetId];
        (address token0, address token1, UniswapV3PositionValue.PositionState memory p) = _positionState(a.tokenId);
        UniswapV3PositionValue.PoolState memory s = _poolState(IUniswapV3PoolState(a.pool), p.tickLower, p.tickUpper);
        (uint256[2] memory credit, uint256[2] memory delta) =
            UniswapV3PositionValue.recordAt(s, p, pools[a.pool].moveTicks, sqrtPriceX96);
        r.tokens = new address[](2);
        r.credit = new uint256[](2);
        r.debt = new uint256[](2);
        r.delta = new uint256[](2);
        (r.tokens[0], r.tokens[1]) = (token0, token1);
        (r.credit[0], r.credit[1]) = (credit[0], credit[1]);
        (r.delta[0], r.delta[1]) = (delta[0], delta[1]);
    }

    /// @inheritdoc IProducer
    function destroy(uint256 assetId, address recipient) external onlyPM nonReentrant {
        Position memory a = positions[assetId];
        if (a.pool == address(0)) revert UnknownAsset(assetId);
        delete positions[assetId];
        emit AssetDestroyed(assetId, recipient);
        if (recipient == address(pm)) {
            // Liquidation: withdraw everything to the PM in the Record's tokens.
            (,,,,,,, uint128 liquidity,,,,) = positionManager.positions(a.tokenId);
            if (liquidity != 0) {
                positionManager.decreaseLiquidity(
                    INonfungiblePositionManagerMinimal.DecreaseLiquidityParams(a.tokenId, liquidity, 0, 0, block.timestamp)
                );
            }
            (uint256 amount0, uint256 amount1) = positionManager.collect(
                INonfungiblePositionManagerMinimal.CollectParams(a.tokenId, recipient, type(uint128).max, type(uint128).max)
            );
            emit PositionLiquidated(assetId, a.tokenId, amount0, amount1);
            emit PositionReturned(assetId, a.tokenId, a.owner);
            positionManager.transferFrom(address(this), a.owner, a.tokenId);
        } else {
            emit PositionReturned(assetId, a.tokenId, recipient);
            positionManager.transferFrom(address(this), recipient, a.tokenId);
        }
    }

    function _positionState(uint256 tokenId)
        internal
        view
        returns (address token0, address token1, UniswapV3PositionValue.PositionState memory p)
    {
        (,, token0, token1,, p.tickLower, p.tickUpper, p.liquidity, p.feeGrowthInside0LastX128, p.feeGrowthInside1LastX128, p.tokensOwed0, p.tokensOwed1) =
            positionManager.positions(tokenId);
    }

    function _poolState(IUniswapV3PoolState pool, int24 tickLower, int24 tickUpper)
        internal
        view
        returns (UniswapV3PositionValue.PoolState memory s)
    {
        (s.sqrtPriceX96, s.tick,,,,,) = pool.slot0();
        s.feeGrowthGlobal0X128 = pool.feeGrowthGlobal0X128();
        s.feeGrowthGlobal1X128 = pool.feeGrowthGlobal1X128();
        (,, s.lowerFeeGrowthOutside0X128, s.lowerFeeGrowthOutside1X128,,,,) = pool.ticks(tickLower);
        (,, s.upperFeeGrowthOutside0X128, s.upperFeeGrowthOutside1X128,,,,) = pool.ticks(tickUpper);
    }
}
