// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {FactoryPools} from "../libraries/FactoryPools.sol";
import {IProducer, Record} from "../interfaces/IProducer.sol";
import {IPortfolioManager} from "../interfaces/IPortfolioManager.sol";
import {IERC20Minimal} from "../interfaces/IERC20Minimal.sol";
import {ITwoSidedPool} from "../interfaces/ITwoSidedPool.sol";
import {ITwoSidedPoolFactory} from "../interfaces/ITwoSidedPoolFactory.sol";
import {ITwoSidedPoolErrors} from "../interfaces/pool/ITwoSidedPoolErrors.sol";
import {ITwoSidedMintCallback} from "../interfaces/callback/ITwoSidedMintCallback.sol";
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

/// @title MakerTakerBundler
/// @notice One asset made of a 2sAMM maker position and a taker reservation on the same pool (market
///         making plus market taking), opened and closed atomically. This contract holds both legs in the
///         pool (it is an allowed taker of the pool factory), so one bundle may be open per (pool, maker
///         range) and per (pool, taker range).
///         Record, per pool token: the legs are netted in kind. Gross credit = maker amounts (rounded down)
///         + maker fees and premiums + the taker's lent tokens; gross debt = the taker's return amounts
///         (rounded up) + its fee and premium debts; credit = max(0, credit - debt), debt = max(0, debt -
///         credit). Delta, for the bundle as a whole: how much the bundle's net owed amount of a token
///         (taker return minus maker amount) can grow when the price moves up to `deltaTicks` ticks:
///         token0 over a move down, token1 over a move up, each the largest growth over the whole move
///         (see docs/producers.md for why this is safe).
contract MakerTakerBundler is PoolPricedProducer, PoolDeltaTicks, ReentrancyGuard, ITwoSidedMintCallback, ITwoSidedTakerCallback {
    /// @notice Thrown when a range of a pool is already used by an open bundle.
    error RangeInUse(uint256 assetId);
    /// @notice Thrown when a pool callback comes from anything but the pool being minted or released.
    error Unauthorized();

    event BundleOpened(
        uint256 indexed assetId,
        address indexed pool,
        int24 makerLower,
        int24 makerUpper,
        uint128 makerLiquidity,
        int24 takerLower,
        int24 takerUpper,
        uint128 takerLiquidity
    );
    event BundleClosed(uint256 indexed assetId, address indexed recipient, uint256 amount0, uint256 amount1);

    struct Bundle {
        address pool;
        int24 makerLower;
        int24 makerUpper;
        int24 takerLower;
        int24 takerUpper;
        uint128 makerLiquidity;
        uint128 takerLiquidity;
    }


    TwoSidedPoolLens public immutable lens;
    /// @notice The factory whose pools are accepted (a pool is only trusted if the factory lists it).
    ITwoSidedPoolFactory public immutable factory;
    mapping(uint256 assetId => Bundle) public bundles;
    /// @notice The open bundle using each (pool, maker or taker, tickLower, tickUpper).
    mapping(bytes32 rangeKey => uint256 assetId) public openAsset;

    // The pool call in progress (its callback is accepted only from it) and the payer of a mint.
    address private transient _calling;
    address private transient _payer;

    constructor(IPortfolioManager pm_, TwoSidedPoolLens lens_, ITwoSidedPoolFactory factory_, address owner_)
        ProducerBase(pm_)
        Owned(owner_)
    {
        lens = lens_;
        factory = factory_;
    }



    /// @notice Opens a bundle in msg.sender's portfolio `portfolioId`: adds `b.makerLiquidity` over the maker
    ///         range (msg.sender pays the amounts; approve this contract) and reserves `b.takerLiquidity` over
    ///         the taker range, then installs it (the PM checks the portfolio's solvency).
    function open(Bundle calldata b, uint256 portfolioId)
        external
        nonReentrant
        returns (uint256 assetId, uint256 amount0, uint256 amount1)
    {
        if (b.makerLiquidity == 0 || b.takerLiquidity == 0) revert ZeroAmount();
        _requireFactoryPool(ITwoSidedPool(b.pool));
        bytes32 mk = _rangeKey(b.pool, true, b.makerLower, b.makerUpper);
        bytes32 tk = _rangeKey(b.pool, false, b.takerLower, b.takerUpper);
        if (openAsset[mk] != 0) revert RangeInUse(openAsset[mk]);
        if (openAsset[tk] != 0) revert RangeInUse(openAsset[tk]);
        assetId = _newAssetId(msg.sender, portfolioId);
        bundles[assetId] = b;
        (openAsset[mk], openAsset[tk]) = (assetId, assetId);
        emit BundleOpened(assetId, b.pool, b.makerLower, b.makerUpper, b.makerLiquidity, b.takerLower, b.takerUpper, b.takerLiquidity);

        ITwoSidedPool pool = ITwoSidedPool(b.pool);
        (_calling, _payer) = (b.pool, msg.sender);
        (amount0, amount1) = pool.mint(address(this), b.makerLower, b.makerUpper, b.makerLiquidity, "");
        (_calling, _payer) = (address(0), address(0));
        pool.take(b.takerLower, b.takerUpper, b.takerLiquidity);
        pm.install(msg.sender, portfolioId, assetId);
    }

    /// @inheritdoc ITwoSidedMintCallback
    function twoSidedMintCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata) external {
        if (msg.sender != _calling || _calling == address(0) || _payer == address(0)) revert Unauthorized();
        ITwoSidedPool pool = ITwoSidedPool(msg.sender);
        if (amount0Owed != 0) TransferHelper.safeTransferFrom(pool.token0(), _payer, msg.sender, amount0Owed);
        if (amount1Owed != 0) TransferHelper.safeTransferFrom(pool.token1(), _payer, msg.sender, amount1Owed);
    }

    function _pricePool(uint256 assetId) internal view override returns (address pool) {
        pool = bundles[assetId].pool;
        if (pool == address(0)) revert UnknownAsset(assetId);
    }

    function _recordAt(uint256 assetId, uint160 sqrtPriceX96, int24 tick) internal view override returns (Record memory r) {
        Bundle storage b = bundles[assetId];
        ITwoSidedPool pool = ITwoSidedPool(b.pool);
        TwoSidedPoolLens.MakerValue memory m =
            lens.makerValueAt(pool, address(this), b.makerLower, b.makerUpper, sqrtPriceX96);
        TwoSidedPoolLens.TakerValue memory t =
            lens.takerValueAt(pool, address(this), b.takerLower, b.takerUpper, sqrtPriceX96);
        r.tokens = new address[](2);
        r.credit = new uint256[](2);
        r.debt = new uint256[](2);
        r.delta = new uint256[](2);
        (r.tokens[0], r.tokens[1]) = (pool.token0(), pool.token1());
        (r.credit[0], r.debt[0]) = _net(m.amount0 + m.owed0 + t.lent0, t.returnAmount0 + t.debt0);
        (r.credit[1], r.debt[1]) = _net(m.amount1 + m.owed1 + t.lent1, t.returnAmount1 + t.debt1);
        (r.delta[0], r.delta[1]) = _bundleDeltaAt(
            b, tick, int256(t.returnAmount0) - int256(m.amount0), int256(t.returnAmount1) - int256(m.amount1)
        );
    }

    /// @notice The bundle's delta: the largest growth of (taker return - maker amount) of token0 over a
    ///         price move down of up to `deltaTicks`, and of token1 over a move up. Both are piecewise
    ///         linear in the price's square root (token1) or its inverse (token0), with kinks only at the
    ///         four range bounds, so the largest value over the move is at its end or at a bound inside it:
    ///         those are the prices evaluated. Taker amounts round up and maker amounts down, as in the Record.
    function bundleDelta(uint256 assetId, uint256 maker0, uint256 maker1, uint256 return0, uint256 return1)
        external
        view
        returns (uint256 delta0, uint256 delta1)
    {
        (, int24 tick) = ITwoSidedPool(_pricePool(assetId)).slot0();
        return _bundleDeltaAt(bundles[assetId], tick, int256(return0) - int256(maker0), int256(return1) - int256(maker1));
    }

    /// @dev `bundleDelta` with the pool's price at `tick` (the price a valuation is made at), from the net owed
    ///      now per token (taker return amounts minus maker amounts).
    function _bundleDeltaAt(Bundle memory b, int24 tick, int256 now0, int256 now1)
        internal
        view
        returns (uint256 delta0, uint256 delta1)
    {
        int256 d = int256(uint256(deltaTicks(b.pool)));
        int256 down = int256(tick) - d;
        int256 up = int256(tick) + d;
        if (down < TickMath.MIN_TICK) down = TickMath.MIN_TICK;
        if (up > TickMath.MAX_TICK) up = TickMath.MAX_TICK;
        int24[5] memory at = [int24(down), b.makerLower, b.makerUpper, b.takerLower, b.takerUpper];
        int256 worst0 = now0;
        int256 worst1 = now1;
        for (uint256 i; i < 5; ++i) {
            if (i == 0 || (at[i] >= down && at[i] <= tick)) {
                (int256 n0,) = _netOwed(b, TickMath.getSqrtRatioAtTick(at[i]));
                if (n0 > worst0) worst0 = n0;
            }
        }
        at[0] = int24(up);
        for (uint256 i; i < 5; ++i) {
            if (i == 0 || (at[i] > tick && at[i] <= up)) {
                (, int256 n1) = _netOwed(b, TickMath.getSqrtRatioAtTick(at[i]));
                if (n1 > worst1) worst1 = n1;
            }
        }
        delta0 = uint256(worst0 - now0);
        delta1 = uint256(worst1 - now1);
    }

    /// @inheritdoc IProducer
    /// @dev Both legs are closed and the net goes to `recipient`; what the taker owes beyond what the bundle
    ///      holds is collected through `pm.settle`. The maker leg is withdrawn first when the pool allows it
    ///      (its tokens then pay the taker's return: settlement is net); if the bundle's own maker liquidity
    ///      backs its reservation (the burn reverts), the taker is released first and the payer advances
    ///      the return, which the maker's tokens then repay to `recipient`.
    function destroy(uint256 assetId, address recipient) external onlyPM nonReentrant {
        Bundle memory b = bundles[assetId];
        if (b.pool == address(0)) revert UnknownAsset(assetId);
        delete bundles[assetId];
        delete openAsset[_rangeKey(b.pool, true, b.makerLower, b.makerUpper)];
        delete openAsset[_rangeKey(b.pool, false, b.takerLower, b.takerUpper)];
        emit AssetDestroyed(assetId, recipient);

        ITwoSidedPool pool = ITwoSidedPool(b.pool);
        bool makerFirst;
        try pool.burn(b.makerLower, b.makerUpper, b.makerLiquidity) {
            makerFirst = true;
            pool.collect(address(this), b.makerLower, b.makerUpper, type(uint128).max, type(uint128).max);
        } catch (bytes memory reason) {
            // Only the pool's refusal to free liquidity a reservation still uses is expected; anything
            // else (running out of gas included) aborts the close.
            if (reason.length < 4 || bytes4(reason) != ITwoSidedPoolErrors.LiquidityReserved.selector) {
                assembly ("memory-safe") {
                    revert(add(reason, 32), mload(reason))
                }
            }
        }
        _calling = b.pool;
        pool.release(b.takerLower, b.takerUpper, b.takerLiquidity, address(this), "");
        _calling = address(0);
        if (!makerFirst) {
            pool.burn(b.makerLower, b.makerUpper, b.makerLiquidity);
            pool.collect(address(this), b.makerLower, b.makerUpper, type(uint128).max, type(uint128).max);
        }
        // Everything this contract holds now is the bundle's (no tokens rest here between calls).
        address t0 = pool.token0();
        address t1 = pool.token1();
        uint256 out0 = IERC20Minimal(t0).balanceOf(address(this));
        uint256 out1 = IERC20Minimal(t1).balanceOf(address(this));
        emit BundleClosed(assetId, recipient, out0, out1);
        if (out0 != 0) TransferHelper.safeTransfer(t0, recipient, out0);
        if (out1 != 0) TransferHelper.safeTransfer(t1, recipient, out1);
    }

    /// @inheritdoc ITwoSidedTakerCallback
    /// @dev Pays the taker's shortfall from the maker tokens already withdrawn, the rest through pm.settle.
    function twoSidedTakerCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata) external {
        if (msg.sender != _calling || _calling == address(0) || _payer != address(0)) revert Unauthorized();
        ITwoSidedPool pool = ITwoSidedPool(msg.sender);
        if (amount0Owed != 0) _pay(pool.token0(), amount0Owed);
        if (amount1Owed != 0) _pay(pool.token1(), amount1Owed);
    }

    function _pay(address token, uint256 owed) internal {
        uint256 held = IERC20Minimal(token).balanceOf(address(this));
        if (held < owed) pm.settle(token, owed - held);
        TransferHelper.safeTransfer(token, msg.sender, owed);
    }

    /// @dev (taker return - maker amount) per token at sqrt price `sqrtX`.
    function _netOwed(Bundle memory b, uint160 sqrtX) internal pure returns (int256 n0, int256 n1) {
        (uint256 r0, uint256 r1) = LiquidityAmounts.getAmountsForTicks(sqrtX, b.takerLower, b.takerUpper, b.takerLiquidity, true);
        (uint256 m0, uint256 m1) = LiquidityAmounts.getAmountsForTicks(sqrtX, b.makerLower, b.makerUpper, b.makerLiquidity, false);
        n0 = int256(r0) - int256(m0);
        n1 = int256(r1) - int256(m1);
    }

    /// @dev The Record is read from the pool, so only pools the factory created are accepted.
    function _requireFactoryPool(ITwoSidedPool pool) internal view {
        FactoryPools.requireFactoryPool(factory, pool);
    }

    function _net(uint256 credit, uint256 debt) internal pure returns (uint256 c, uint256 d) {
        if (credit >= debt) c = credit - debt;
        else d = debt - credit;
    }

    function _rangeKey(address pool, bool maker, int24 tickLower, int24 tickUpper) internal pure returns (bytes32) {
        return keccak256(abi.encode(pool, maker, tickLower, tickUpper));
    }
}
