// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {FactoryPools} from "../libraries/FactoryPools.sol";
import {ITwoSidedPoolFactory} from "../interfaces/ITwoSidedPoolFactory.sol";
import {IProducer, Record} from "../interfaces/IProducer.sol";
import {IPortfolioManager} from "../interfaces/IPortfolioManager.sol";
import {ITwoSidedPool} from "../interfaces/ITwoSidedPool.sol";
import {ITwoSidedTakerCallback} from "../interfaces/callback/ITwoSidedTakerCallback.sol";
import {Owned} from "../utils/Owned.sol";
import {PoolDeltaTicks} from "./PoolDeltaTicks.sol";
import {ReentrancyGuard} from "../utils/ReentrancyGuard.sol";
import {TransferHelper} from "../libraries/TransferHelper.sol";
import {TickMath} from "../libraries/TickMath.sol";
import {LiquidityAmounts} from "../libraries/LiquidityAmounts.sol";
import {TwoSidedPoolLens} from "../TwoSidedPoolLens.sol";
import {PoolPricedProducer} from "./PoolPricedProducer.sol";
import {ProducerBase} from "./ProducerBase.sol";

/// @title TwoSidedTakerProducer
/// @notice 2sAMM taker reservations as portfolio positions. This contract is the pool factory's
///         allowed taker; the pool keys taker positions by owner and range, so one asset may be open
///         per (pool, range) at a time.
///         Record, per pool token: credit = the tokens lent for the taker in the money market (with
///         interest); debt = the tokens needed to put the liquidity back on the curve now (rounded
///         up) plus the fees and premiums owed; delta = how much that return amount can grow when
///         the price moves by `deltaTicks` (a per-pool parameter): token0 for a move down, token1
///         for a move up, each at least 0.
contract TwoSidedTakerProducer is PoolPricedProducer, PoolDeltaTicks, ReentrancyGuard, ITwoSidedTakerCallback {
    /// @notice Thrown when a range of a pool already has an open asset.
    error RangeInUse(uint256 assetId);
    /// @notice Thrown when the taker callback comes from anything but the pool being released.
    error NotReleasing();


    struct Taker {
        address pool;
        int24 tickLower;
        int24 tickUpper;
        uint128 liquidity;
    }


    TwoSidedPoolLens public immutable lens;
    /// @notice The factory whose pools are accepted (Records are read from the pool, so a look-alike
    ///         contract must not be able to report one).
    ITwoSidedPoolFactory public immutable factory;
    mapping(uint256 assetId => Taker) public takers;
    /// @notice The open asset of each (pool, tickLower, tickUpper).
    mapping(bytes32 rangeKey => uint256 assetId) public openAsset;

    address private transient _releasing;

    constructor(IPortfolioManager pm_, TwoSidedPoolLens lens_, ITwoSidedPoolFactory factory_, address owner_)
        ProducerBase(pm_)
        Owned(owner_)
    {
        lens = lens_;
        factory = factory_;
    }



    /// @notice Reserves `liquidity` over [tickLower, tickUpper) of `pool` as a new asset in
    ///         msg.sender's portfolio `portfolioId` (which must hold the margin: the PM checks).
    function take(ITwoSidedPool pool, int24 tickLower, int24 tickUpper, uint128 liquidity, uint256 portfolioId)
        external
        nonReentrant
        returns (uint256 assetId)
    {
        FactoryPools.requireFactoryPool(factory, pool);
        if (liquidity == 0) revert ZeroAmount();
        bytes32 k = keccak256(abi.encode(pool, tickLower, tickUpper));
        if (openAsset[k] != 0) revert RangeInUse(openAsset[k]);
        assetId = _newAssetId(msg.sender, portfolioId);
        takers[assetId] = Taker(address(pool), tickLower, tickUpper, liquidity);
        openAsset[k] = assetId;
        pool.take(tickLower, tickUpper, liquidity);
        pm.install(msg.sender, portfolioId, assetId);
    }

    function _pricePool(uint256 assetId) internal view override returns (address pool) {
        pool = takers[assetId].pool;
        if (pool == address(0)) revert UnknownAsset(assetId);
    }

    function _recordAt(uint256 assetId, uint160 sqrtPriceX96, int24 tick) internal view override returns (Record memory r) {
        Taker storage t = takers[assetId];
        ITwoSidedPool pool = ITwoSidedPool(t.pool);
        TwoSidedPoolLens.TakerValue memory v =
            lens.takerValueAt(pool, address(this), t.tickLower, t.tickUpper, sqrtPriceX96);
        r.tokens = new address[](2);
        r.credit = new uint256[](2);
        r.debt = new uint256[](2);
        r.delta = new uint256[](2);
        (r.tokens[0], r.tokens[1]) = (pool.token0(), pool.token1());
        (r.credit[0], r.credit[1]) = (v.lent0, v.lent1);
        (r.debt[0], r.debt[1]) = (v.returnAmount0 + v.debt0, v.returnAmount1 + v.debt1);
        (r.delta[0], r.delta[1]) =
            priceMoveDeltaAt(pool, tick, t.tickLower, t.tickUpper, v.liquidity, v.returnAmount0, v.returnAmount1);
    }

    /// @notice Growth of the return amounts when the pool's current price moves `deltaTicks` down (token0) or
    ///         up (token1).
    function priceMoveDelta(ITwoSidedPool pool, int24 tickLower, int24 tickUpper, uint128 liquidity, uint256 now0, uint256 now1)
        external
        view
        returns (uint256 delta0, uint256 delta1)
    {
        (, int24 tick) = pool.slot0();
        return priceMoveDeltaAt(pool, tick, tickLower, tickUpper, liquidity, now0, now1);
    }

    /// @notice Growth of the return amounts when the price at `tick` moves `deltaTicks` down (token0) or up (token1).
    /// @dev The moved prices are getSqrtRatioAtTick(tick -/+ deltaTicks), clamped to the tick range; the
    ///      amounts at them round up, like the return amounts.
    function priceMoveDeltaAt(
        ITwoSidedPool pool,
        int24 tick,
        int24 tickLower,
        int24 tickUpper,
        uint128 liquidity,
        uint256 now0,
        uint256 now1
    ) public view returns (uint256 delta0, uint256 delta1) {
        if (liquidity == 0) return (0, 0);
        int256 d = int256(uint256(deltaTicks(address(pool))));
        int256 down = int256(tick) - d;
        int256 up = int256(tick) + d;
        if (down < TickMath.MIN_TICK) down = TickMath.MIN_TICK;
        if (up > TickMath.MAX_TICK) up = TickMath.MAX_TICK;
        (uint256 a0,) = LiquidityAmounts.getAmountsForTicks(TickMath.getSqrtRatioAtTick(int24(down)), tickLower, tickUpper, liquidity, true);
        (, uint256 a1) = LiquidityAmounts.getAmountsForTicks(TickMath.getSqrtRatioAtTick(int24(up)), tickLower, tickUpper, liquidity, true);
        delta0 = a0 > now0 ? a0 - now0 : 0;
        delta1 = a1 > now1 ? a1 - now1 : 0;
    }

    /// @inheritdoc IProducer
    /// @dev Releases the whole reservation: a surplus goes to `recipient`; a shortfall is paid in the
    ///      pool's callback with tokens collected through `pm.settle`.
    function destroy(uint256 assetId, address recipient) external onlyPM nonReentrant {
        Taker memory t = takers[assetId];
        if (t.pool == address(0)) revert UnknownAsset(assetId);
        delete takers[assetId];
        delete openAsset[keccak256(abi.encode(t.pool, t.tickLower, t.tickUpper))];
        emit AssetDestroyed(assetId, recipient);
        _releasing = t.pool;
        ITwoSidedPool(t.pool).release(t.tickLower, t.tickUpper, t.liquidity, recipient, "");
        _releasing = address(0);
    }

    /// @inheritdoc ITwoSidedTakerCallback
    function twoSidedTakerCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata) external {
        if (msg.sender != _releasing || _releasing == address(0)) revert NotReleasing();
        ITwoSidedPool pool = ITwoSidedPool(msg.sender);
        if (amount0Owed != 0) {
            address t0 = pool.token0();
            pm.settle(t0, amount0Owed);
            TransferHelper.safeTransfer(t0, msg.sender, amount0Owed);
        }
        if (amount1Owed != 0) {
            address t1 = pool.token1();
            pm.settle(t1, amount1Owed);
            TransferHelper.safeTransfer(t1, msg.sender, amount1Owed);
        }
    }
}
