// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITwoSidedPool} from "./interfaces/ITwoSidedPool.sol";
import {ITwoSidedPoolImmutables} from "./interfaces/pool/ITwoSidedPoolImmutables.sol";
import {ITwoSidedPoolState} from "./interfaces/pool/ITwoSidedPoolState.sol";
import {ITwoSidedPoolDerivedState} from "./interfaces/pool/ITwoSidedPoolDerivedState.sol";
import {ITwoSidedPoolActions} from "./interfaces/pool/ITwoSidedPoolActions.sol";
import {ITwoSidedPoolOwnerActions} from "./interfaces/pool/ITwoSidedPoolOwnerActions.sol";
import {ITwoSidedPoolFactory} from "./interfaces/ITwoSidedPoolFactory.sol";
import {ITwoSidedPoolDeployer} from "./interfaces/ITwoSidedPoolDeployer.sol";
import {ITwoSidedMintCallback} from "./interfaces/callback/ITwoSidedMintCallback.sol";
import {ITwoSidedSwapCallback} from "./interfaces/callback/ITwoSidedSwapCallback.sol";
import {ITwoSidedTakerCallback} from "./interfaces/callback/ITwoSidedTakerCallback.sol";
import {IERC20Minimal} from "./interfaces/IERC20Minimal.sol";
import {IMoneyMarket} from "./interfaces/IMoneyMarket.sol";
import {ReentrancyGuard} from "./utils/ReentrancyGuard.sol";
import {Owned} from "./utils/Owned.sol";
import {TransferHelper} from "./libraries/TransferHelper.sol";
import {LiquidityMath} from "./libraries/LiquidityMath.sol";
import {FullMath} from "./libraries/FullMath.sol";
import {SafeCast} from "./libraries/SafeCast.sol";
import {TickMath} from "./libraries/TickMath.sol";
import {SqrtPriceMath} from "./libraries/SqrtPriceMath.sol";
import {LiquidityAmounts} from "./libraries/LiquidityAmounts.sol";
import {SwapMath} from "./libraries/SwapMath.sol";
import {FeeCurve} from "./libraries/FeeCurve.sol";
import {TickBitmap} from "./libraries/TickBitmap.sol";
import {Tick} from "./libraries/Tick.sol";
import {Position} from "./libraries/Position.sol";
import {PremiumWalk} from "./libraries/PremiumWalk.sol";
import {Oracle} from "./libraries/Oracle.sol";

/// @title TwoSidedPool
/// @notice The 2sAMM: Uniswap V3 concentrated liquidity (makers) with reservations (takers) removed from the
///         active curve, a dynamic fee on the reserved share, a protocol share of fees, and time premiums paid by
///         takers to the makers covering their range. Accounting and approximations: docs/amm.md.
contract TwoSidedPool is ITwoSidedPool, ReentrancyGuard {
    using Tick for mapping(int24 => Tick.Info);
    using TickBitmap for mapping(int16 => uint256);
    using Position for Position.Maker;
    using Position for Position.Taker;
    using SafeCast for uint256;
    using SafeCast for int256;
    using Oracle for Oracle.Observation[65535];

    uint256 internal constant Q64 = 0x10000000000000000;
    uint256 internal constant Q128 = 0x100000000000000000000000000000000;
    uint256 internal constant PIPS = 1_000_000;

    /// @inheritdoc ITwoSidedPoolImmutables
    address public immutable override factory;
    /// @inheritdoc ITwoSidedPoolImmutables
    address public immutable override token0;
    /// @inheritdoc ITwoSidedPoolImmutables
    address public immutable override token1;
    /// @inheritdoc ITwoSidedPoolImmutables
    address public immutable override moneyMarket;
    /// @inheritdoc ITwoSidedPoolImmutables
    int24 public immutable override tickSpacing;
    /// @inheritdoc ITwoSidedPoolImmutables
    uint24 public immutable override takerCapPips;
    /// @inheritdoc ITwoSidedPoolImmutables
    uint24 public immutable override protocolFeePips;
    /// @inheritdoc ITwoSidedPoolImmutables
    uint128 public immutable override maxLiquidityPerTick;
    uint24 internal immutable minFeePips;
    uint24 internal immutable midFeePips;
    uint24 internal immutable maxFeePips;

    struct Slot0 {
        uint160 sqrtPriceX96; // current sqrt price, Q64.96
        int24 tick; // current tick (the greatest tick at or below the price, as in Uniswap V3)
        uint16 observationIndex; // slot of the newest oracle observation
        uint16 observationCardinality; // observations in the buffer
        uint16 observationCardinalityNext; // slots the buffer may grow into (raised by increaseObservationCardinalityNext)
    }

    Slot0 internal _slot0;
    /// @inheritdoc ITwoSidedPoolState
    uint128 public override makerLiquidity;
    /// @inheritdoc ITwoSidedPoolState
    uint128 public override takerLiquidity;
    /// @inheritdoc ITwoSidedPoolState
    uint256 public override feeGrowthGlobal0X128;
    /// @inheritdoc ITwoSidedPoolState
    uint256 public override feeGrowthGlobal1X128;
    // 256-bit: a single swap's protocol fee can exceed 2^128 (the Wasm engine keeps 256 bits too)
    uint256 internal _protocolFees0;
    uint256 internal _protocolFees1;

    /// @dev Ticks, the initialized-tick bitmap and the segments' premium accumulators.
    PremiumWalk.Storage internal _s;
    /// @inheritdoc ITwoSidedPoolState
    mapping(bytes32 => Position.Maker) public override makerPositions;
    /// @inheritdoc ITwoSidedPoolState
    mapping(bytes32 => Position.Taker) public override takerPositions;
    /// @inheritdoc ITwoSidedPoolState
    Oracle.Observation[65535] public override observations;

    constructor() {
        // The factory validated the configuration.
        uint256 c;
        (factory, token0, token1, moneyMarket, c) = ITwoSidedPoolDeployer(msg.sender).parameters();
        int24 spacing = int24(uint24(c));
        tickSpacing = spacing;
        (minFeePips, midFeePips, maxFeePips) = (uint24(c >> 24), uint24(c >> 48), uint24(c >> 72));
        takerCapPips = uint24(c >> 96);
        protocolFeePips = uint24(c >> 120);
        maxLiquidityPerTick = Tick.tickSpacingToMaxLiquidityPerTick(spacing);
        // Takers' tokens are supplied to the money market, which pulls them.
        if (moneyMarket != address(0)) {
            IERC20Minimal(token0).approve(moneyMarket, type(uint256).max);
            IERC20Minimal(token1).approve(moneyMarket, type(uint256).max);
        }
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ITwoSidedPoolImmutables
    function feeParams() external view override returns (uint24, uint24, uint24) {
        return (minFeePips, midFeePips, maxFeePips);
    }

    /// @inheritdoc ITwoSidedPoolState
    function slot0() external view override returns (uint160 sqrtPriceX96, int24 tick) {
        return (_slot0.sqrtPriceX96, _slot0.tick);
    }

    /// @inheritdoc ITwoSidedPoolState
    function oracleState()
        external
        view
        override
        returns (uint16 observationIndex, uint16 observationCardinality, uint16 observationCardinalityNext)
    {
        return (_slot0.observationIndex, _slot0.observationCardinality, _slot0.observationCardinalityNext);
    }

    /// @inheritdoc ITwoSidedPoolState
    function liquidity() external view override returns (uint128) {
        return _activeLiquidity();
    }

    /// @inheritdoc ITwoSidedPoolState
    function protocolFees() external view override returns (uint256, uint256) {
        return (_protocolFees0, _protocolFees1);
    }

    /// @inheritdoc ITwoSidedPoolState
    function ticks(int24 tick) external view override returns (int128, int128, uint128, uint256, uint256) {
        Tick.Info storage t = _s.ticks[tick];
        return (t.makerLiquidityNet, t.takerLiquidityNet, t.liquidityGross, t.feeGrowthOutside0X128, t.feeGrowthOutside1X128);
    }

    /// @inheritdoc ITwoSidedPoolState
    function extsload(bytes32 slot) external view override returns (bytes32 value) {
        assembly ("memory-safe") {
            value := sload(slot)
        }
    }

    /// @inheritdoc ITwoSidedPoolState
    function tickBitmap(int16 wordPosition) external view override returns (uint256) {
        return _s.bitmap[wordPosition];
    }

    /// @inheritdoc ITwoSidedPoolDerivedState
    function currentFeePips() external view override returns (uint24) {
        return _fee(takerLiquidity, makerLiquidity);
    }

    /// @inheritdoc ITwoSidedPoolDerivedState
    function observe(uint32[] calldata secondsAgos)
        external
        view
        override
        returns (int56[] memory, uint160[] memory)
    {
        // The library returns the ABI encoding of the answer; returning it as is keeps the pool under the size limit.
        Slot0 memory s = _loadSlot0();
        bytes memory encoded = observations.observeEncoded(
            secondsAgos,
            s.tick,
            s.observationIndex,
            _activeLiquidity(),
            s.observationCardinality
        );
        assembly ("memory-safe") {
            return(add(encoded, 32), mload(encoded))
        }
    }

    /// @inheritdoc ITwoSidedPoolDerivedState
    function premiumGrowthInside(int24 tickLower, int24 tickUpper)
        external
        view
        override
        returns (uint256 maker0X128, uint256 maker1X128, uint256 taker0X128, uint256 taker1X128)
    {
        if (!_s.premium.active) return (0, 0, 0, 0);
        _checkTicks(tickLower, tickUpper);
        Slot0 memory s = _loadSlot0();
        PremiumWalk.Sums memory r = PremiumWalk.walkView(_s, _params(tickLower, tickUpper, s));
        return (r.maker0, r.maker1, r.taker0, r.taker1);
    }

    /*//////////////////////////////////////////////////////////////
                              MAKER ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ITwoSidedPoolActions
    function initialize(uint160 sqrtPriceX96) external override {
        if (_slot0.sqrtPriceX96 != 0) revert AlreadyInitialized();
        int24 tick = TickMath.getTickAtSqrtRatio(sqrtPriceX96);
        (uint16 cardinality, uint16 cardinalityNext) = observations.initialize(uint32(block.timestamp));
        _storeSlot0(Slot0(sqrtPriceX96, tick, 0, cardinality, cardinalityNext));
        emit Initialize(sqrtPriceX96, tick);
    }

    /// @inheritdoc ITwoSidedPoolActions
    function increaseObservationCardinalityNext(uint16 observationCardinalityNext) external override {
        // It calls nothing, so it needs no lock of its own; as in Uniswap V3 it may not run inside a guarded call.
        if (_reentrancyLocked()) revert Reentrancy();
        uint16 old = _loadSlot0().observationCardinalityNext;
        uint16 next = observations.grow(old, observationCardinalityNext);
        if (next != old) {
            _slot0.observationCardinalityNext = next;
            emit IncreaseObservationCardinalityNext(old, next);
        }
    }

    /// @inheritdoc ITwoSidedPoolActions
    function mint(address recipient, int24 tickLower, int24 tickUpper, uint128 amount, bytes calldata data)
        external
        override
        nonReentrant
        returns (uint256 amount0, uint256 amount1)
    {
        Slot0 memory s = _loadSlot0();
        // docs/math.md's order: range, then amount
        _checkTicks(tickLower, tickUpper);
        if (amount == 0) revert SqrtPriceMath.ZeroLiquidity();
        int128 delta = SafeCast.toInt128(amount);
        _modifyMaker(recipient, tickLower, tickUpper, delta, s, 0);
        (amount0, amount1) = LiquidityAmounts.getAmountsForTicks(s.sqrtPriceX96, tickLower, tickUpper, amount, true);

        _callIn(amount0, amount1, data, true);

        emit Mint(msg.sender, recipient, tickLower, tickUpper, amount, amount0, amount1);
    }

    /// @inheritdoc ITwoSidedPoolActions
    function burn(int24 tickLower, int24 tickUpper, uint128 amount)
        external
        override
        nonReentrant
        returns (uint256 amount0, uint256 amount1)
    {
        Slot0 memory s = _loadSlot0();
        _checkTicks(tickLower, tickUpper);
        int128 delta = -SafeCast.toInt128(amount);
        Position.Maker storage pos = _modifyMaker(msg.sender, tickLower, tickUpper, delta, s, amount);
        if (amount > 0) {
            (amount0, amount1) = LiquidityAmounts.getAmountsForTicks(s.sqrtPriceX96, tickLower, tickUpper, amount, false);
            unchecked {
                // Owed amounts may wrap, as in Uniswap V3: collect before they reach 2^128.
                pos.tokensOwed0 += uint128(amount0);
                pos.tokensOwed1 += uint128(amount1);
            }
        }
        emit Burn(msg.sender, tickLower, tickUpper, amount, amount0, amount1);
    }

    /// @inheritdoc ITwoSidedPoolActions
    function collect(address recipient, int24 tickLower, int24 tickUpper, uint128 amount0Requested, uint128 amount1Requested)
        external
        override
        nonReentrant
        returns (uint128 amount0, uint128 amount1)
    {
        Position.Maker storage pos = makerPositions[Position.key(msg.sender, tickLower, tickUpper)];
        amount0 = amount0Requested > pos.tokensOwed0 ? pos.tokensOwed0 : amount0Requested;
        amount1 = amount1Requested > pos.tokensOwed1 ? pos.tokensOwed1 : amount1Requested;
        unchecked {
            if (amount0 > 0) pos.tokensOwed0 -= amount0;
            if (amount1 > 0) pos.tokensOwed1 -= amount1;
        }
        if (amount0 > 0) TransferHelper.safeTransfer(token0, recipient, amount0);
        if (amount1 > 0) TransferHelper.safeTransfer(token1, recipient, amount1);
        emit Collect(msg.sender, recipient, tickLower, tickUpper, amount0, amount1);
    }

    /*//////////////////////////////////////////////////////////////
                                  SWAP
    //////////////////////////////////////////////////////////////*/

    struct SwapState {
        int256 amountSpecifiedRemaining; // input still to swap (> 0) or output still to receive (< 0)
        int256 amountCalculated; // output produced (exact in, negative) or input needed (exact out)
        uint160 sqrtPriceX96;
        int24 tick;
        uint256 feeGrowthGlobalX128; // of the input token
        uint256 protocolFee; // protocol fees of the input token taken during this swap
        uint128 makerLiquidity; // P in force
        uint128 takerLiquidity; // R in force
        uint128 liquidity; // P - R
        uint24 feePips; // FeeCurve at (R, P); changes only when a tick is crossed
    }

    struct StepComputations {
        uint160 sqrtPriceStartX96;
        int24 tickNext;
        bool initialized;
        uint160 sqrtPriceNextX96;
        uint256 amountIn;
        uint256 amountOut;
        uint256 feeAmount;
    }

    /// @inheritdoc ITwoSidedPoolActions
    function swap(address recipient, bool zeroForOne, int256 amountSpecified, uint160 sqrtPriceLimitX96, bytes calldata data)
        external
        override
        nonReentrant
        returns (int256 amount0, int256 amount1)
    {
        if (amountSpecified == 0) revert AmountSpecifiedZero();
        Slot0 memory start = _loadSlot0();
        if (
            zeroForOne
                ? sqrtPriceLimitX96 >= start.sqrtPriceX96 || sqrtPriceLimitX96 <= TickMath.MIN_SQRT_RATIO
                : sqrtPriceLimitX96 <= start.sqrtPriceX96 || sqrtPriceLimitX96 >= TickMath.MAX_SQRT_RATIO
        ) revert InvalidPriceLimit();

        bool exactInput = amountSpecified > 0;
        SwapState memory state;
        state.amountSpecifiedRemaining = amountSpecified;
        state.sqrtPriceX96 = start.sqrtPriceX96;
        state.tick = start.tick;
        state.feeGrowthGlobalX128 = zeroForOne ? feeGrowthGlobal0X128 : feeGrowthGlobal1X128;
        (state.makerLiquidity, state.takerLiquidity) = (makerLiquidity, takerLiquidity);
        state.liquidity = state.makerLiquidity - state.takerLiquidity;
        state.feePips = _fee(state.takerLiquidity, state.makerLiquidity);

        // Uniswap V3's loop: step to the next initialized tick within one bitmap word, or the price limit.
        while (state.amountSpecifiedRemaining != 0 && state.sqrtPriceX96 != sqrtPriceLimitX96) {
            StepComputations memory step;
            step.sqrtPriceStartX96 = state.sqrtPriceX96;
            (step.tickNext, step.initialized) =
                _s.bitmap.nextInitializedTickWithinOneWord(state.tick, tickSpacing, zeroForOne);
            // The bitmap knows nothing of the tick bounds.
            if (step.tickNext < TickMath.MIN_TICK) step.tickNext = TickMath.MIN_TICK;
            else if (step.tickNext > TickMath.MAX_TICK) step.tickNext = TickMath.MAX_TICK;
            step.sqrtPriceNextX96 = TickMath.getSqrtRatioAtTick(step.tickNext);

            (state.sqrtPriceX96, step.amountIn, step.amountOut, step.feeAmount) = SwapMath.computeSwapStep(
                state.sqrtPriceX96,
                (zeroForOne ? step.sqrtPriceNextX96 < sqrtPriceLimitX96 : step.sqrtPriceNextX96 > sqrtPriceLimitX96)
                    ? sqrtPriceLimitX96
                    : step.sqrtPriceNextX96,
                state.liquidity,
                state.amountSpecifiedRemaining,
                state.feePips
            );

            if (exactInput) {
                state.amountSpecifiedRemaining -= (step.amountIn + step.feeAmount).toInt256();
                state.amountCalculated -= step.amountOut.toInt256();
            } else {
                state.amountSpecifiedRemaining += step.amountOut.toInt256();
                state.amountCalculated += (step.amountIn + step.feeAmount).toInt256();
            }

            if (protocolFeePips > 0) {
                // The protocol's part rounds up: the makers' part is a credit.
                uint256 delta = FullMath.mulDivRoundingUp(step.feeAmount, protocolFeePips, PIPS);
                unchecked {
                    step.feeAmount -= delta;
                }
                state.protocolFee += delta;
            }

            if (state.liquidity > 0) {
                unchecked {
                    state.feeGrowthGlobalX128 += FullMath.mulDiv(step.feeAmount, Q128, state.liquidity);
                }
            }

            if (state.sqrtPriceX96 == step.sqrtPriceNextX96) {
                if (step.initialized) _cross(state, step.tickNext, zeroForOne);
                unchecked {
                    state.tick = zeroForOne ? step.tickNext - 1 : step.tickNext;
                }
            } else if (state.sqrtPriceX96 != step.sqrtPriceStartX96) {
                // Stopped inside the range: recompute the tick (it may not have moved a whole tick).
                state.tick = TickMath.getTickAtSqrtRatio(state.sqrtPriceX96);
            }
        }

        if (state.sqrtPriceX96 != start.sqrtPriceX96 || state.tick != start.tick) {
            // Uniswap V3's order: when the tick changes the oracle first records the tick and active liquidity in
            // force before this swap (storage still holds the pre-swap liquidity), then the price moves.
            if (state.tick != start.tick) _writeObservation(start);
            (start.sqrtPriceX96, start.tick) = (state.sqrtPriceX96, state.tick);
            _storeSlot0(start);
        }
        if (state.makerLiquidity != makerLiquidity) makerLiquidity = state.makerLiquidity;
        if (state.takerLiquidity != takerLiquidity) takerLiquidity = state.takerLiquidity;
        if (zeroForOne) {
            feeGrowthGlobal0X128 = state.feeGrowthGlobalX128;
            if (state.protocolFee > 0) _protocolFees0 += state.protocolFee;
        } else {
            feeGrowthGlobal1X128 = state.feeGrowthGlobalX128;
            if (state.protocolFee > 0) _protocolFees1 += state.protocolFee;
        }

        unchecked {
            (amount0, amount1) = zeroForOne == exactInput
                ? (amountSpecified - state.amountSpecifiedRemaining, state.amountCalculated)
                : (state.amountCalculated, amountSpecified - state.amountSpecifiedRemaining);
        }

        // Pay out, then collect the input through the callback and check it arrived.
        if (zeroForOne) {
            if (amount1 < 0) TransferHelper.safeTransfer(token1, recipient, uint256(-amount1));
            uint256 balance0Before = _balance0();
            ITwoSidedSwapCallback(msg.sender).twoSidedSwapCallback(amount0, amount1, data);
            if (balance0Before + uint256(amount0) > _balance0()) revert InsufficientPayment(token0);
        } else {
            if (amount0 < 0) TransferHelper.safeTransfer(token0, recipient, uint256(-amount0));
            uint256 balance1Before = _balance1();
            ITwoSidedSwapCallback(msg.sender).twoSidedSwapCallback(amount0, amount1, data);
            if (balance1Before + uint256(amount1) > _balance1()) revert InsufficientPayment(token1);
        }

        emit Swap(msg.sender, recipient, amount0, amount1, state.sqrtPriceX96, state.liquidity, state.tick);
    }

    /// @dev Cross an initialized tick: flip its outside fee growth, apply the maker and taker nets, re-evaluate the fee.
    function _cross(SwapState memory state, int24 tick, bool zeroForOne) internal {
        (int128 makerNet, int128 takerNet) = _s.ticks.cross(
            tick,
            zeroForOne ? state.feeGrowthGlobalX128 : feeGrowthGlobal0X128,
            zeroForOne ? feeGrowthGlobal1X128 : state.feeGrowthGlobalX128
        );
        // Moving left crosses the tick in the opposite direction.
        if (zeroForOne) (makerNet, takerNet) = (-makerNet, -takerNet);
        state.makerLiquidity = LiquidityMath.addDelta(state.makerLiquidity, makerNet);
        if (takerNet != 0) state.takerLiquidity = LiquidityMath.addDelta(state.takerLiquidity, takerNet);
        state.liquidity = state.makerLiquidity - state.takerLiquidity;
        state.feePips = _fee(state.takerLiquidity, state.makerLiquidity);
    }

    /*//////////////////////////////////////////////////////////////
                              TAKER ACTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ITwoSidedPoolActions
    function take(int24 tickLower, int24 tickUpper, uint128 liquidity_)
        external
        override
        nonReentrant
        returns (uint256 amount0, uint256 amount1)
    {
        if (!ITwoSidedPoolFactory(factory).isTaker(msg.sender)) revert NotTaker();
        Slot0 memory s = _loadSlot0();
        _checkTicks(tickLower, tickUpper);
        if (liquidity_ == 0) revert SqrtPriceMath.ZeroLiquidity();
        Position.Taker storage pos = _reserve(tickLower, tickUpper, liquidity_, s);

        // The tokens a burn of the reserved liquidity would release leave the curve and are lent for the taker.
        (amount0, amount1) = LiquidityAmounts.getAmountsForTicks(s.sqrtPriceX96, tickLower, tickUpper, liquidity_, false);
        (uint256 shares0, uint256 shares1) = _lend(amount0, amount1);
        pos.shares0 += shares0;
        pos.shares1 += shares1;
        emit Take(msg.sender, tickLower, tickUpper, liquidity_, amount0, amount1, shares0, shares1);
    }

    /// @dev Walk with the cap check, add the taker liquidity to the ticks and the position.
    function _reserve(int24 tickLower, int24 tickUpper, uint128 liquidity_, Slot0 memory s)
        internal
        returns (Position.Taker storage pos)
    {
        int128 delta = SafeCast.toInt128(liquidity_);
        // docs/math.md's order: the per-tick limit before the taker cap.
        uint256 maxLiq = maxLiquidityPerTick;
        if (
            uint256(_s.ticks[tickLower].liquidityGross) + liquidity_ > maxLiq
                || uint256(_s.ticks[tickUpper].liquidityGross) + liquidity_ > maxLiq
        ) revert Tick.TickLiquidityOverflow();
        PremiumWalk.WalkParams memory w = _params(tickLower, tickUpper, s);
        (w.check, w.addTaker, w.activate) = (PremiumWalk.CHECK_CAP, liquidity_, true);
        PremiumWalk.Sums memory r = _run(w);
        (bool flippedLower, bool flippedUpper) = _updateTicks(tickLower, tickUpper, 0, delta, s.tick);
        if (s.tick >= tickLower && s.tick < tickUpper) {
            _writeObservationBeforeLiquidityChange(s);
            takerLiquidity += liquidity_;
        }
        pos = takerPositions[Position.key(msg.sender, tickLower, tickUpper)];
        (uint256 f0, uint256 f1) =
            _s.ticks.getFeeGrowthInside(tickLower, tickUpper, s.tick, feeGrowthGlobal0X128, feeGrowthGlobal1X128);
        pos.updateTaker(delta, f0, f1, r.taker0, r.taker1);
        _finishTicks(tickLower, tickUpper, flippedLower, flippedUpper, true, r);
    }

    /// @dev Supply to the money market; without one the tokens stay in the pool and shares are token amounts.
    function _lend(uint256 amount0, uint256 amount1) internal returns (uint256 shares0, uint256 shares1) {
        if (moneyMarket == address(0)) return (amount0, amount1);
        shares0 = _supply(token0, amount0);
        shares1 = _supply(token1, amount1);
    }

    /// @dev A market refuses an amount too small to mint a share (the take then reverts with its error): the
    ///      taker's tokens are never supplied for nothing.
    function _supply(address token, uint256 amount) private returns (uint256) {
        return amount == 0 ? 0 : IMoneyMarket(moneyMarket).supply(token, amount);
    }

    struct ReleaseAmounts {
        uint256 withdrawn0;
        uint256 withdrawn1;
        uint256 returned0;
        uint256 returned1;
        uint256 debt0;
        uint256 debt1;
        uint256 shares0;
        uint256 shares1;
    }

    /// @inheritdoc ITwoSidedPoolActions
    function release(int24 tickLower, int24 tickUpper, uint128 liquidity_, address recipient, bytes calldata data)
        external
        override
        nonReentrant
        returns (int256 amount0, int256 amount1)
    {
        Slot0 memory s = _loadSlot0();
        _checkTicks(tickLower, tickUpper);
        ReleaseAmounts memory a = _unreserve(tickLower, tickUpper, liquidity_, s);

        // Lent tokens come back to the pool; then the net is paid out or called in.
        (a.withdrawn0, a.withdrawn1) = (a.shares0, a.shares1);
        if (moneyMarket != address(0)) {
            if (a.shares0 > 0) a.withdrawn0 = IMoneyMarket(moneyMarket).withdraw(token0, a.shares0, address(this));
            if (a.shares1 > 0) a.withdrawn1 = IMoneyMarket(moneyMarket).withdraw(token1, a.shares1, address(this));
        }
        amount0 = a.withdrawn0.toInt256() - (a.returned0 + a.debt0).toInt256();
        amount1 = a.withdrawn1.toInt256() - (a.returned1 + a.debt1).toInt256();
        _settle(amount0, amount1, recipient, data);
        _emitRelease(tickLower, tickUpper, liquidity_, recipient, a);
    }

    /// @dev Walk, charge the position, take its debts and the shares of the released liquidity, remove the
    ///      liquidity from the ticks.
    function _unreserve(int24 tickLower, int24 tickUpper, uint128 liquidity_, Slot0 memory s)
        internal
        returns (ReleaseAmounts memory a)
    {
        Position.Taker storage pos = takerPositions[Position.key(msg.sender, tickLower, tickUpper)];
        uint128 before = pos.liquidity;
        if (before == 0) revert Position.PositionNotFound();
        PremiumWalk.Sums memory r;
        {
            PremiumWalk.WalkParams memory w = _params(tickLower, tickUpper, s);
            w.clearLower = liquidity_ > 0 && _s.ticks[tickLower].liquidityGross == liquidity_;
            r = _run(w);
        }
        int128 delta = -SafeCast.toInt128(liquidity_);
        {
            (uint256 f0, uint256 f1) =
                _s.ticks.getFeeGrowthInside(tickLower, tickUpper, s.tick, feeGrowthGlobal0X128, feeGrowthGlobal1X128);
            pos.updateTaker(delta, f0, f1, r.taker0, r.taker1);
        }
        (a.debt0, a.debt1) = (pos.owed0, pos.owed1);
        (pos.owed0, pos.owed1) = (0, 0);
        if (liquidity_ == before) {
            (a.shares0, a.shares1) = (pos.shares0, pos.shares1);
        } else {
            a.shares0 = FullMath.mulDiv(pos.shares0, liquidity_, before);
            a.shares1 = FullMath.mulDiv(pos.shares1, liquidity_, before);
        }
        pos.shares0 -= a.shares0;
        pos.shares1 -= a.shares1;
        if (liquidity_ > 0) {
            (bool flippedLower, bool flippedUpper) = _updateTicks(tickLower, tickUpper, 0, delta, s.tick);
            _finishTicks(tickLower, tickUpper, flippedLower, flippedUpper, false, r);
            if (s.tick >= tickLower && s.tick < tickUpper) {
                _writeObservationBeforeLiquidityChange(s);
                takerLiquidity -= liquidity_;
            }
            // Putting the liquidity back on the curve costs what a mint would (rounded up).
            (a.returned0, a.returned1) = LiquidityAmounts.getAmountsForTicks(s.sqrtPriceX96, tickLower, tickUpper, liquidity_, true);
        }
    }

    /// @dev Send the taker's surplus, call in its shortfall and check it arrived.
    function _settle(int256 amount0, int256 amount1, address recipient, bytes calldata data) internal {
        if (amount0 > 0) TransferHelper.safeTransfer(token0, recipient, uint256(amount0));
        if (amount1 > 0) TransferHelper.safeTransfer(token1, recipient, uint256(amount1));
        if (amount0 < 0 || amount1 < 0) {
            uint256 owed0 = amount0 < 0 ? uint256(-amount0) : 0;
            uint256 owed1 = amount1 < 0 ? uint256(-amount1) : 0;
            _callIn(owed0, owed1, data, false);
        }
    }

    function _emitRelease(int24 tickLower, int24 tickUpper, uint128 liquidity_, address recipient, ReleaseAmounts memory a)
        internal
    {
        emit Release(
            msg.sender,
            recipient,
            tickLower,
            tickUpper,
            liquidity_,
            a.withdrawn0,
            a.withdrawn1,
            a.returned0,
            a.returned1,
            a.debt0,
            a.debt1
        );
    }

    /// @inheritdoc ITwoSidedPoolActions
    function accruePremiumIndexes() external override nonReentrant {
        if (_s.premium.active) PremiumWalk.accrueIndexes(_s, moneyMarket, token0, token1);
    }

    /*//////////////////////////////////////////////////////////////
                               GOVERNANCE
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc ITwoSidedPoolOwnerActions
    function collectProtocol(address recipient, uint128 amount0Requested, uint128 amount1Requested)
        external
        override
        nonReentrant
        returns (uint128 amount0, uint128 amount1)
    {
        if (msg.sender != Owned(factory).owner()) revert NotFactoryOwner();
        // A request above the fees implies the fees fit in 128 bits.
        amount0 = amount0Requested > _protocolFees0 ? uint128(_protocolFees0) : amount0Requested;
        amount1 = amount1Requested > _protocolFees1 ? uint128(_protocolFees1) : amount1Requested;
        unchecked {
            if (amount0 > 0) _protocolFees0 -= amount0;
            if (amount1 > 0) _protocolFees1 -= amount1;
        }
        if (amount0 > 0) TransferHelper.safeTransfer(token0, recipient, amount0);
        if (amount1 > 0) TransferHelper.safeTransfer(token1, recipient, amount1);
        emit CollectProtocol(msg.sender, recipient, amount0, amount1);
    }

    /*//////////////////////////////////////////////////////////////
                                INTERNALS
    //////////////////////////////////////////////////////////////*/

    function _loadSlot0() internal view returns (Slot0 memory s) {
        s = _slot0;
        if (s.sqrtPriceX96 == 0) revert NotInitialized();
    }

    /// @dev Record in the oracle the current tick and the active liquidity in storage, in force until now (a no-op
    ///      after the block's first write). Called before either changes; updates s's oracle fields.
    function _writeObservation(Slot0 memory s) internal {
        (s.observationIndex, s.observationCardinality) = observations.write(
            s.observationIndex,
            uint32(block.timestamp),
            s.tick,
            _activeLiquidity(),
            s.observationCardinality,
            s.observationCardinalityNext
        );
    }

    /// @dev _writeObservation for a mint, burn, take or release in range: the price stays, the oracle fields of
    ///      slot0 are stored back (unchanged at cardinality 1 or in a block already written, as in Uniswap V3).
    function _writeObservationBeforeLiquidityChange(Slot0 memory s) internal {
        _writeObservation(s);
        _storeSlot0(s);
    }

    /// @dev P - R at the current price.
    function _activeLiquidity() internal view returns (uint128) {
        return makerLiquidity - takerLiquidity;
    }

    function _storeSlot0(Slot0 memory s) private {
        _slot0 = s;
    }

    function _checkTicks(int24 tickLower, int24 tickUpper) internal view {
        if (
            tickLower >= tickUpper || tickLower < TickMath.MIN_TICK || tickUpper > TickMath.MAX_TICK
                || tickLower % tickSpacing != 0 || tickUpper % tickSpacing != 0
        ) revert InvalidTickRange();
    }

    /// @dev The fee in force for (R, P). R == 0 always gives minFee (term = mid - min exactly), so skip the curve.
    function _fee(uint128 reserved, uint128 provided) internal view returns (uint24) {
        if (reserved == 0) return minFeePips;
        return FeeCurve.feePips(reserved, provided, minFeePips, midFeePips, maxFeePips);
    }

    /// @dev Mint (delta > 0) or burn (delta <= 0) maker liquidity of `owner`'s position, Uniswap V3's
    ///      _modifyPosition plus the premium walk once takers have appeared.
    function _modifyMaker(address owner, int24 tickLower, int24 tickUpper, int128 delta, Slot0 memory s, uint128 burned)
        internal
        returns (Position.Maker storage pos)
    {
        pos = makerPositions[Position.key(owner, tickLower, tickUpper)];
        PremiumWalk.Sums memory r = _walkMaker(tickLower, tickUpper, s, burned);
        bool flippedLower;
        bool flippedUpper;
        if (delta != 0) (flippedLower, flippedUpper) = _updateTicks(tickLower, tickUpper, delta, 0, s.tick);
        (uint256 f0, uint256 f1) =
            _s.ticks.getFeeGrowthInside(tickLower, tickUpper, s.tick, feeGrowthGlobal0X128, feeGrowthGlobal1X128);
        pos.updateMaker(delta, f0, f1, r.maker0, r.maker1);
        _finishTicks(tickLower, tickUpper, flippedLower, flippedUpper, delta > 0, r);
        if (delta != 0 && s.tick >= tickLower && s.tick < tickUpper) {
            _writeObservationBeforeLiquidityChange(s);
            makerLiquidity = LiquidityMath.addDelta(makerLiquidity, delta);
        }
    }

    /// @dev The premium walk of a maker action, once takers have appeared (before that every accumulator is zero).
    function _walkMaker(int24 tickLower, int24 tickUpper, Slot0 memory s, uint128 burned)
        internal
        returns (PremiumWalk.Sums memory r)
    {
        if (!_s.premium.active) return r;
        PremiumWalk.WalkParams memory w = _params(tickLower, tickUpper, s);
        if (burned > 0) {
            (w.check, w.subMaker) = (PremiumWalk.CHECK_RESERVED, burned);
            w.clearLower = _s.ticks[tickLower].liquidityGross == burned;
        }
        r = _run(w);
    }

    /// @dev Apply a liquidity change at both bounds and flip the bitmap of ticks that changed state.
    function _updateTicks(int24 tickLower, int24 tickUpper, int128 makerDelta, int128 takerDelta, int24 tick)
        internal
        returns (bool flippedLower, bool flippedUpper)
    {
        (uint256 g0, uint256 g1) = (feeGrowthGlobal0X128, feeGrowthGlobal1X128);
        uint128 maxLiq = maxLiquidityPerTick;
        flippedLower = _s.ticks.update(tickLower, tick, makerDelta, takerDelta, g0, g1, false, maxLiq);
        flippedUpper = _s.ticks.update(tickUpper, tick, makerDelta, takerDelta, g0, g1, true, maxLiq);
        if (flippedLower) _flip(tickLower);
        if (flippedUpper) _flip(tickUpper);
    }

    /// @dev Flip a tick's bitmap bit, and its word's summary bit when the word becomes empty or non-empty.
    function _flip(int24 tick) internal {
        unchecked {
            int24 compressed = tick / tickSpacing; // ticks of positions are multiples of the spacing
            int16 wordPos = int16(compressed >> 8);
            uint256 before = _s.bitmap[wordPos];
            uint256 next = before ^ (uint256(1) << uint8(uint24(compressed % 256)));
            _s.bitmap[wordPos] = next;
            if ((before == 0) != (next == 0)) _s.summary[int16(wordPos >> 8)] ^= uint256(1) << uint8(uint16(wordPos) & 255);
        }
    }

    /// @dev After the position update: start the premium accumulators of new ticks, or delete ticks no position
    ///      references any more (merging their accumulators into the segment below).
    function _finishTicks(
        int24 tickLower,
        int24 tickUpper,
        bool flippedLower,
        bool flippedUpper,
        bool adding,
        PremiumWalk.Sums memory r
    ) internal {
        if (!flippedLower && !flippedUpper) return;
        if (_s.premium.active) {
            PremiumWalk.finishTicks(_s, tickLower, tickUpper, flippedLower, flippedUpper, adding, r);
        } else if (!adding) {
            if (flippedUpper) _s.ticks.clear(tickUpper);
            if (flippedLower) _s.ticks.clear(tickLower);
        }
    }

    /// @dev Walk parameters without checks; callers set check / addTaker / subMaker / clearLower / activate.
    function _params(int24 tickLower, int24 tickUpper, Slot0 memory s)
        internal
        view
        returns (PremiumWalk.WalkParams memory w)
    {
        w.makerLiquidity = makerLiquidity;
        w.takerLiquidity = takerLiquidity;
        w.tickSpacing = tickSpacing;
        w.takerCapPips = takerCapPips;
        (w.tickLower, w.tickUpper, w.sqrtPriceX96, w.tick) = (tickLower, tickUpper, s.sqrtPriceX96, s.tick);
    }

    /// @dev Advance the premium indexes, walk the range, write the accrued segments (one linked call).
    function _run(PremiumWalk.WalkParams memory w) internal returns (PremiumWalk.Sums memory) {
        return PremiumWalk.run(_s, w, moneyMarket, token0, token1);
    }

    /// @dev Ask msg.sender for owed0/owed1 through the mint or taker callback and check they arrived.
    function _callIn(uint256 owed0, uint256 owed1, bytes calldata data, bool isMint) internal {
        uint256 balance0Before = owed0 > 0 ? _balance0() : 0;
        uint256 balance1Before = owed1 > 0 ? _balance1() : 0;
        if (isMint) ITwoSidedMintCallback(msg.sender).twoSidedMintCallback(owed0, owed1, data);
        else ITwoSidedTakerCallback(msg.sender).twoSidedTakerCallback(owed0, owed1, data);
        if (owed0 > 0 && balance0Before + owed0 > _balance0()) revert InsufficientPayment(token0);
        if (owed1 > 0 && balance1Before + owed1 > _balance1()) revert InsufficientPayment(token1);
    }

    function _balance0() private view returns (uint256) {
        return IERC20Minimal(token0).balanceOf(address(this));
    }

    function _balance1() private view returns (uint256) {
        return IERC20Minimal(token1).balanceOf(address(this));
    }
}
