// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IPortfolioManager} from "./interfaces/IPortfolioManager.sol";
import {IProducer, Record} from "./interfaces/IProducer.sol";
import {IERC20Minimal} from "./interfaces/IERC20Minimal.sol";
import {Owned} from "./utils/Owned.sol";
import {ReentrancyGuard} from "./utils/ReentrancyGuard.sol";
import {TransferHelper} from "./libraries/TransferHelper.sol";
import {FullMath} from "./libraries/FullMath.sol";
import {Solvency} from "./libraries/Solvency.sol";
import {RecordsCodec} from "./libraries/RecordsCodec.sol";
import {ReferencePrice} from "./libraries/ReferencePrice.sol";
import {TickMath} from "./libraries/TickMath.sol";

/// @notice What the Portfolio Manager reads of a pool (a 2sAMM or a Uniswap V3 pool) for its reference price.
interface IReferencePool {
    function token0() external view returns (address);
    function token1() external view returns (address);
    /// @dev Only the first two fields are decoded (Uniswap V3's slot0 returns more).
    function slot0() external view returns (uint160 sqrtPriceX96, int24 tick);
    function observe(uint32[] calldata secondsAgos)
        external
        view
        returns (int56[] memory tickCumulatives, uint160[] memory secondsPerLiquidityCumulativeX128s);
}

/// @title PortfolioManager
/// @notice Holds wallets' portfolios of positions (producer, assetId), values them through the
///         producers' Records, keeps every portfolio solvent after each user action and lets anyone
///         liquidate insolvent ones for a bounded bonus. See docs/pm.md.
///         Two valuations: a Record that depends on a pool's price is valued at the spot price and at the
///         pool's reference price (feeds, or the pool's TWAP). A user action must leave the portfolio
///         solvent under both, with every pool it holds within `maxDeviationTicks` of its reference; a
///         liquidation needs insolvency under the reference valuation, which no transaction can move.
/// @dev Token flows never rest here except during a liquidation, where the closed positions' credits
///      pass through the PM to be split between the liquidator and the owner.
contract PortfolioManager is IPortfolioManager, Owned, ReentrancyGuard {
    /*//////////////////////////////////////////////////////////////
                                ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice Thrown when a caller that is not a registered producer installs an asset.
    error NotProducer();
    /// @notice Thrown when a wallet opens a ninth portfolio.
    error TooManyPortfolios();
    /// @notice Thrown when a seventeenth position is installed into a portfolio.
    error TooManyPositions();
    /// @notice Thrown when `portfolioId` was not opened by `owner`.
    error UnknownPortfolio(address owner, uint256 portfolioId);
    /// @notice Thrown when an asset is installed twice.
    error AssetAlreadyInstalled(address producer, uint256 assetId);
    /// @notice Thrown when a portfolio holds no such position (named apart from the pool's PositionNotFound()).
    error NotInPortfolio(address producer, uint256 assetId);
    /// @notice Thrown when a user action would leave a portfolio insolvent under `valuation`.
    error Insolvent(address owner, uint256 portfolioId, Valuation valuation, int256 usdNet);
    /// @notice Thrown when `settle` is called outside a destroy, or by another producer.
    error NotSettling();
    /// @notice Thrown when the registry is given a bad token configuration.
    error InvalidTokenConfig(address token);
    /// @notice Thrown when a feed has no price for a token that needs one.
    error MissingPrice(address token);
    /// @notice Thrown when a feed's last update is older than the token's staleness limit.
    error StalePrice(address token, uint256 updatedAt);
    /// @notice Thrown when liquidating a solvent portfolio.
    error NotLiquidatable(address owner, uint256 portfolioId);
    /// @notice Thrown when a liquidation selects no positions or positions that do not exist.
    error InvalidPositionMask(uint256 mask);
    /// @notice Thrown when, in a tail-only insolvency, a selected position holds no failing tail token.
    error PositionNotLiquidatable(uint256 index);
    /// @notice Thrown when a liquidation would leave a non-empty, still insolvent portfolio.
    error LiquidationIncomplete(int256 usdNet);
    /// @notice Thrown when a parameter is outside its bounds.
    error InvalidParameter();
    /// @notice Thrown when a producer answers a request for several Records with another number of them.
    error BadProducerAnswer(address producer);
    /// @notice Thrown when a producer installs an asset id of more than 96 bits (a position is one storage
    ///         slot: the producer's address and the asset id).
    error AssetIdTooLarge(uint256 assetId);

    /*//////////////////////////////////////////////////////////////
                                EVENTS
    //////////////////////////////////////////////////////////////*/

    event ProducerSet(address indexed producer, bool allowed);
    event TokenSet(address indexed token, uint256 varianceX64, bool tail, address feed, uint32 maxAge, uint8 decimals);
    event TailRecordUsdDebtSet(uint256 usdDebt);
    event LiquidationBonusSet(uint256 bonusPips);
    event PoolReferenceSet(address indexed pool, uint32 twapWindow, uint24 maxDeviationTicks);
    event PortfolioOpened(address indexed owner, uint256 indexed portfolioId);
    event Installed(address indexed owner, uint256 indexed portfolioId, address indexed producer, uint256 assetId);
    event Uninstalled(address indexed owner, uint256 indexed portfolioId, address indexed producer, uint256 assetId);
    event Settled(address indexed producer, address indexed payer, address indexed token, uint256 amount);
    event Liquidated(
        address indexed owner,
        uint256 indexed portfolioId,
        address indexed liquidator,
        uint256 debtUsd,
        uint256 paidUsd,
        uint256 badDebtUsd
    );
    event LiquidationPayout(address indexed token, uint256 toLiquidator, uint256 toOwner);
    event BadDebt(address indexed owner, uint256 indexed portfolioId, uint256 usd);

    /*//////////////////////////////////////////////////////////////
                                 STATE
    //////////////////////////////////////////////////////////////*/

    uint256 public constant MAX_PORTFOLIOS = 8;
    uint256 public constant MAX_POSITIONS = 16;
    /// @notice Liquidation bonus bound: 20% of the debt value retired, in pips.
    uint256 public constant MAX_LIQUIDATION_BONUS_PIPS = 200_000;
    uint256 internal constant PIPS = 1_000_000;

    /// @notice Which prices a breakdown values pool-dependent Records at.
    enum Valuation {
        Spot,
        Reference
    }

    /// @notice TWAP window used when a pool's tokens do not both have feeds: 30 minutes (docs/pm.md).
    uint32 public constant DEFAULT_TWAP_WINDOW = 1800;
    /// @notice Spot-to-reference distance above which user actions on a pool's positions are refused:
    ///         500 ticks (about 5.1%).
    uint24 public constant DEFAULT_MAX_DEVIATION_TICKS = 500;

    struct Position {
        address producer;
        uint256 assetId;
    }

    /// @notice Governance settings of a pool's reference price (zero fields take the defaults).
    struct PoolReference {
        uint32 twapWindow;
        uint24 maxDeviationTicks;
    }

    /// @notice Registry entry of a token.
    struct TokenInfo {
        bool registered;
        bool tail;
        uint8 decimals;
        uint32 maxAge; // staleness limit of the feed, seconds
        uint96 varianceX64; // (2^64, 2^72]
        address feed; // Chainlink-style feed (USD); may be zero for a tail token
    }

    mapping(address producer => bool) public isProducer;
    /// @dev A token's registry entry in one slot (one cold read per token and check): the feed (bits 0-159),
    ///      varianceX64 - 2^64 - 1 (160-231), decimals + 1 (232-237; 0: not registered), tail (238), maxAge
    ///      (239-255; LONG_MAX_AGE: the limit is 2^17 - 1 s or more and is kept in `_longMaxAge`).
    mapping(address token => uint256) internal _tokens;
    mapping(address token => uint32) internal _longMaxAge;
    uint256 private constant LONG_MAX_AGE = (1 << 17) - 1;
    /// @notice Fixed USD debt (18 decimals) added by each Record made only of tail tokens.
    uint256 public tailRecordUsdDebt;
    /// @notice Liquidator bonus, pips of the USD value of the debt retired.
    uint256 public liquidationBonusPips = 50_000;
    /// @notice Total USD value (18 decimals) of debt liquidations could not cover.
    uint256 public totalBadDebtUsd;
    mapping(address owner => mapping(uint256 portfolioId => uint256)) public badDebtUsd;

    mapping(address owner => uint256) public portfolioCount;
    /// @dev A portfolio's positions, one slot each: the producer in the low 160 bits, the asset id above.
    mapping(address owner => mapping(uint256 portfolioId => uint256[])) internal _positions;
    /// @dev Installed assets, one bit each, 256 ids to a slot: a producer's consecutive ids share a slot, so an
    ///      install or uninstall rewrites a slot already in use instead of creating one.
    mapping(address producer => mapping(uint256 word => uint256)) internal _installed;
    mapping(address pool => PoolReference) internal _poolReference;

    // Transient state of a destroy in progress (EIP-1153 slots, cleared after each destroy).
    // Fixed, distinct slots far from any compiler-assigned transient slot.
    uint256 private constant SETTLING_SLOT = 0x3a6b4ee0e1a6f2c4c0f2b0f63a2a0a3c5d8b1e8f6a70d0b79b2a7b8e2c0f1a01;
    uint256 private constant PAYER_SLOT = 0x3a6b4ee0e1a6f2c4c0f2b0f63a2a0a3c5d8b1e8f6a70d0b79b2a7b8e2c0f1a02;
    uint256 private constant PAID_SLOT = 0x3a6b4ee0e1a6f2c4c0f2b0f63a2a0a3c5d8b1e8f6a70d0b79b2a7b8e2c0f1a03;
    /// @dev Set while a liquidation destroys positions: settle then tallies what the liquidator paid.
    bool private transient _tallyPaid;

    // Which Records _gather asks the producers for.
    uint256 private constant SPOT = 0;
    uint256 private constant REFERENCE = 1;
    uint256 private constant BOTH = 2; // spot and reference (isSolvent)
    uint256 private constant USER = 3; // both, with the deviation guard (the check after a user action)

    constructor(address owner_) Owned(owner_) {}

    /*//////////////////////////////////////////////////////////////
                               GOVERNANCE
    //////////////////////////////////////////////////////////////*/

    /// @notice Registers or unregisters a producer (only registered producers may install).
    function setProducer(address producer, bool allowed) external onlyOwner {
        isProducer[producer] = allowed;
        emit ProducerSet(producer, allowed);
    }

    /// @notice Adds or updates a token: variance factor (X64, in (1, 256]), class, feed and staleness
    ///         limit. Blue-chips need a feed. Decimals are read from the token.
    function setToken(address token, uint256 varianceX64, bool tail, address feed, uint32 maxAge) external onlyOwner {
        if (varianceX64 <= Solvency.ONE_X64 || varianceX64 > Solvency.MAX_VARIANCE_X64) {
            revert Solvency.InvalidVarianceFactor(token);
        }
        if ((!tail && feed == address(0)) || (feed != address(0) && maxAge == 0)) revert InvalidTokenConfig(token);
        uint8 decimals = IERC20Minimal(token).decimals();
        if (decimals > Solvency.MAX_DECIMALS) revert InvalidTokenConfig(token);
        // varianceX64 in (2^64, 2^72]: its excess over 2^64 + 1 fits 72 bits; decimals <= 36.
        uint256 w = uint256(uint160(feed)) | ((varianceX64 - Solvency.ONE_X64 - 1) << 160)
            | ((uint256(decimals) + 1) << 232) | (tail ? 1 << 238 : 0);
        if (maxAge >= LONG_MAX_AGE) {
            w |= LONG_MAX_AGE << 239;
            _longMaxAge[token] = maxAge;
        } else {
            w |= uint256(maxAge) << 239;
        }
        _tokens[token] = w;
        emit TokenSet(token, varianceX64, tail, feed, maxAge, decimals);
    }

    /// @notice Sets the fixed USD debt (18 decimals, < 2^128) of each all-tail Record.
    function setTailRecordUsdDebt(uint256 usdDebt) external onlyOwner {
        if (usdDebt >= 1 << 128) revert InvalidParameter();
        tailRecordUsdDebt = usdDebt;
        emit TailRecordUsdDebtSet(usdDebt);
    }

    /// @notice Sets the liquidator bonus in pips (at most MAX_LIQUIDATION_BONUS_PIPS).
    function setLiquidationBonus(uint256 bonusPips) external onlyOwner {
        if (bonusPips > MAX_LIQUIDATION_BONUS_PIPS) revert InvalidParameter();
        liquidationBonusPips = bonusPips;
        emit LiquidationBonusSet(bonusPips);
    }

    /// @notice Sets `pool`'s TWAP window (seconds, used when its tokens do not both have feeds) and the
    ///         largest spot-to-reference distance in ticks at which user actions on its positions are
    ///         allowed. Zero restores a default.
    function setPoolReference(address pool, uint32 twapWindow_, uint24 maxDeviationTicks_) external onlyOwner {
        if (maxDeviationTicks_ > uint24(2 * TickMath.MAX_TICK)) revert InvalidParameter();
        _poolReference[pool] = PoolReference(twapWindow_, maxDeviationTicks_);
        emit PoolReferenceSet(pool, twapWindow_, maxDeviationTicks_);
    }

    /*//////////////////////////////////////////////////////////////
                           USER / PRODUCER FLOW
    //////////////////////////////////////////////////////////////*/

    /// @notice Opens a new portfolio for msg.sender (ids 0..7).
    function openPortfolio() external returns (uint256 portfolioId) {
        portfolioId = portfolioCount[msg.sender];
        if (portfolioId >= MAX_PORTFOLIOS) revert TooManyPortfolios();
        portfolioCount[msg.sender] = portfolioId + 1;
        emit PortfolioOpened(msg.sender, portfolioId);
    }

    /// @inheritdoc IPortfolioManager
    function install(address owner, uint256 portfolioId, uint256 assetId) external nonReentrant {
        if (!isProducer[msg.sender]) revert NotProducer();
        _requirePortfolio(owner, portfolioId);
        if (assetId > type(uint96).max) revert AssetIdTooLarge(assetId);
        uint256[] storage ps = _positions[owner][portfolioId];
        if (ps.length >= MAX_POSITIONS) revert TooManyPositions();
        if (isInstalled(msg.sender, assetId)) revert AssetAlreadyInstalled(msg.sender, assetId);
        _installed[msg.sender][assetId >> 8] ^= 1 << (assetId & 255);
        ps.push(uint256(uint160(msg.sender)) | (assetId << 160));
        emit Installed(owner, portfolioId, msg.sender, assetId);
        _requireSolvent(owner, portfolioId);
    }

    /// @notice Closes one of msg.sender's positions: the producer destroys the asset, pays its credits
    ///         to msg.sender and collects its debts from msg.sender (who must have approved the PM for
    ///         the debt tokens). The portfolio must be solvent afterwards.
    function uninstall(uint256 portfolioId, address producer, uint256 assetId) external nonReentrant {
        _requirePortfolio(msg.sender, portfolioId);
        uint256[] storage ps = _positions[msg.sender][portfolioId];
        uint256 n = ps.length;
        uint256 i;
        // An id above 96 bits was never installed (and would not pack).
        if (assetId <= type(uint96).max) {
            uint256 word = uint256(uint160(producer)) | (assetId << 160);
            while (i < n && ps[i] != word) ++i;
        } else {
            i = n;
        }
        if (i == n) revert NotInPortfolio(producer, assetId);
        _removeAt(ps, i);
        _installed[producer][assetId >> 8] ^= 1 << (assetId & 255); // it was set: the position was found
        emit Uninstalled(msg.sender, portfolioId, producer, assetId);
        _destroy(producer, assetId, msg.sender, msg.sender);
        _requireSolvent(msg.sender, portfolioId);
    }

    /// @inheritdoc IPortfolioManager
    function settle(address token, uint256 amount) external {
        address settling;
        address payer;
        assembly ("memory-safe") {
            settling := tload(SETTLING_SLOT)
            payer := tload(PAYER_SLOT)
        }
        if (settling == address(0) || msg.sender != settling) revert NotSettling();
        if (_tallyPaid) {
            bytes32 slot = _paidSlot(token);
            assembly ("memory-safe") {
                tstore(slot, add(tload(slot), amount))
            }
        }
        emit Settled(msg.sender, payer, token, amount);
        if (amount != 0) TransferHelper.safeTransferFrom(token, payer, msg.sender, amount);
    }

    /*//////////////////////////////////////////////////////////////
                              LIQUIDATION
    //////////////////////////////////////////////////////////////*/

    /// @dev Working memory of one liquidation, per token of the closed positions.
    struct Closing {
        address[] tokens;
        uint256[] answer; // feed answer (> 0)
        uint256[] den; // 10^(token decimals + feed decimals)
        uint256[] received; // credits the producers paid to the PM
        uint256[] paid; // debts the liquidator paid to the producers
    }

    /// @notice Liquidates the positions of `owner`'s portfolio selected by `mask` (bit i = position i).
    ///         The portfolio must be insolvent; if only tail tokens fail (USD net >= 0), every selected
    ///         position must hold a failing tail token. msg.sender pays the selected positions' debts
    ///         (approve the PM) and receives their credits worth the USD value of those debts plus
    ///         `liquidationBonusPips`; the rest of the credits go to the owner. The portfolio must end
    ///         solvent or empty. A shortfall (credits worth less than the debts) is recorded as bad debt.
    /// @return debtUsd USD value of the debt retired. @return paidUsd USD value paid to msg.sender.
    function liquidate(address owner, uint256 portfolioId, uint256 mask)
        external
        nonReentrant
        returns (uint256 debtUsd, uint256 paidUsd)
    {
        _requirePortfolio(owner, portfolioId);
        uint256[] storage ps = _positions[owner][portfolioId];
        uint256 n = ps.length;
        if (mask == 0 || mask >> n != 0) revert InvalidPositionMask(mask);
        (Position[] memory closing, Closing memory c) = _selectAndPrice(owner, portfolioId, mask);

        // Effects: the positions leave the portfolio before any producer is called.
        for (uint256 i = n; i > 0; --i) {
            if (mask & (1 << (i - 1)) != 0) {
                Position memory p = _unpack(ps[i - 1]);
                _removeAt(ps, i - 1);
                _installed[p.producer][p.assetId >> 8] ^= 1 << (p.assetId & 255);
                emit Uninstalled(owner, portfolioId, p.producer, p.assetId);
            }
        }
        // Interactions: destroy, credits to the PM, debts from the liquidator.
        uint256[] memory before = new uint256[](c.tokens.length);
        for (uint256 k; k < c.tokens.length; ++k) before[k] = IERC20Minimal(c.tokens[k]).balanceOf(address(this));
        _tallyPaid = true;
        for (uint256 i; i < closing.length; ++i) _destroy(closing[i].producer, closing[i].assetId, msg.sender, address(this));
        _tallyPaid = false;
        for (uint256 k; k < c.tokens.length; ++k) {
            c.received[k] = IERC20Minimal(c.tokens[k]).balanceOf(address(this)) - before[k];
            bytes32 slot = _paidSlot(c.tokens[k]);
            uint256 paid;
            assembly ("memory-safe") {
                paid := tload(slot)
                tstore(slot, 0)
            }
            c.paid[k] = paid;
        }

        uint256 badDebt;
        (debtUsd, paidUsd, badDebt) = _payout(c, owner);
        if (badDebt != 0) {
            badDebtUsd[owner][portfolioId] += badDebt;
            totalBadDebtUsd += badDebt;
            emit BadDebt(owner, portfolioId, badDebt);
        }
        emit Liquidated(owner, portfolioId, msg.sender, debtUsd, paidUsd, badDebt);

        if (ps.length != 0) {
            Solvency.Breakdown memory after_ = _breakdown(referenceRecords(owner, portfolioId));
            if (!after_.solvent) revert LiquidationIncomplete(after_.usdNet);
        }
    }

    /// @dev The positions `mask` selects and the live prices of their tokens, read before anything moves
    ///      (stale prices refuse the liquidation). Only the reference valuation decides: moving a pool's spot
    ///      price cannot make a portfolio liquidatable.
    function _selectAndPrice(address owner, uint256 portfolioId, uint256 mask)
        internal
        view
        returns (Position[] memory closing, Closing memory c)
    {
        (Record[] memory refs,,) = _gather(owner, portfolioId, REFERENCE);
        Solvency.Breakdown memory b = _breakdown(refs);
        if (b.solvent) revert NotLiquidatable(owner, portfolioId);
        // In a tail-only insolvency each selected position must hold a failing tail.
        Record[] memory closingRecs;
        (closing, closingRecs) = _select(_positionsOf(owner, portfolioId), refs, mask, b);
        c = _prepare(closingRecs);
    }

    function _select(Position[] memory ps, Record[] memory refs, uint256 mask, Solvency.Breakdown memory b)
        internal
        pure
        returns (Position[] memory closing, Record[] memory closingRecs)
    {
        uint256 n = ps.length;
        uint256 count;
        for (uint256 i; i < n; ++i) if (mask & (1 << i) != 0) ++count;
        closing = new Position[](count);
        closingRecs = new Record[](count);
        uint256 j;
        bool tailOnly = b.usdNet >= 0;
        for (uint256 i; i < n; ++i) {
            if (mask & (1 << i) == 0) continue;
            (closing[j], closingRecs[j]) = (ps[i], refs[i]);
            ++j;
            if (tailOnly && !_holdsAny(refs[i], b.failingTails)) revert PositionNotLiquidatable(i);
        }
    }

    function _holdsAny(Record memory rec, address[] memory set) internal pure returns (bool) {
        for (uint256 j; j < rec.tokens.length; ++j) {
            for (uint256 k; k < set.length; ++k) if (rec.tokens[j] == set[k]) return true;
        }
        return false;
    }

    /// @dev Distinct tokens of the closing positions with their live prices.
    function _prepare(Record[] memory closing) internal view returns (Closing memory c) {
        address[] memory all = new address[](closing.length * 8);
        uint256 count;
        for (uint256 i; i < closing.length; ++i) {
            Record memory rec = closing[i];
            for (uint256 j; j < rec.tokens.length; ++j) {
                address t = rec.tokens[j];
                bool seen;
                for (uint256 k; k < count; ++k) if (all[k] == t) seen = true;
                if (!seen) {
                    if (count == all.length) all = _grow(all);
                    all[count++] = t;
                }
            }
        }
        c.tokens = new address[](count);
        c.answer = new uint256[](count);
        c.den = new uint256[](count);
        c.received = new uint256[](count);
        c.paid = new uint256[](count);
        for (uint256 k; k < count; ++k) {
            address t = all[k];
            TokenInfo memory info = _info(t);
            (int256 answer, uint8 feedDecimals) = _price(t, info);
            c.tokens[k] = t;
            c.answer[k] = uint256(answer);
            c.den[k] = 10 ** (uint256(info.decimals) + feedDecimals);
        }
    }

    function _grow(address[] memory a) internal pure returns (address[] memory b) {
        b = new address[](a.length * 2 + 8);
        for (uint256 i; i < a.length; ++i) b[i] = a[i];
    }

    /// @dev Splits the received credits: the liquidator gets the USD value of the debts it paid plus
    ///      the bonus (in-kind tokens first, then the others in order), all rounded down; the owner
    ///      gets the rest. Returns the debt value, the value paid to the liquidator and any bad debt.
    function _payout(Closing memory c, address owner)
        internal
        returns (uint256 debtUsd, uint256 paidUsd, uint256 badDebt)
    {
        uint256 n = c.tokens.length;
        uint256 creditUsd;
        for (uint256 k; k < n; ++k) {
            debtUsd += _usd(c, k, c.paid[k]);
            creditUsd += _usd(c, k, c.received[k]);
        }
        uint256 owed = debtUsd + debtUsd * liquidationBonusPips / PIPS;
        uint256[] memory toLiquidator = new uint256[](n);
        // Pass 0: tokens the liquidator paid (so it is repaid in kind first); pass 1: the others.
        for (uint256 pass; pass < 2; ++pass) {
            for (uint256 k; k < n && owed != 0; ++k) {
                if ((c.paid[k] != 0) != (pass == 0) || c.received[k] == 0) continue;
                // Largest amount worth at most `owed`.
                uint256 amount = FullMath.mulDiv(owed, c.den[k], c.answer[k] * 1e18);
                if (amount > c.received[k]) amount = c.received[k];
                uint256 value = _usd(c, k, amount);
                toLiquidator[k] = amount;
                owed -= value;
                paidUsd += value;
            }
        }
        if (creditUsd < debtUsd) badDebt = debtUsd - creditUsd;
        for (uint256 k; k < n; ++k) {
            uint256 toOwner = c.received[k] - toLiquidator[k];
            emit LiquidationPayout(c.tokens[k], toLiquidator[k], toOwner);
            if (toLiquidator[k] != 0) TransferHelper.safeTransfer(c.tokens[k], msg.sender, toLiquidator[k]);
            if (toOwner != 0) TransferHelper.safeTransfer(c.tokens[k], owner, toOwner);
        }
    }

    /// @dev floor(amount * a * 10^18 / 10^(td + fd)): the USD value of a token amount, rounded down.
    function _usd(Closing memory c, uint256 k, uint256 amount) internal pure returns (uint256) {
        return FullMath.mulDiv(amount, c.answer[k] * 1e18, c.den[k]);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @notice The positions of a portfolio, in order.
    function positions(address owner, uint256 portfolioId) external view returns (Position[] memory) {
        return _positionsOf(owner, portfolioId);
    }

    /// @notice The Records of a portfolio's positions at spot prices, in position order.
    function records(address owner, uint256 portfolioId) public view returns (Record[] memory recs) {
        (recs,,) = _gather(owner, portfolioId, SPOT);
    }

    /// @notice The Records of a portfolio's positions at reference prices, in position order.
    function referenceRecords(address owner, uint256 portfolioId) public view returns (Record[] memory recs) {
        (recs,,) = _gather(owner, portfolioId, REFERENCE);
    }

    /// @notice The full solvency breakdown of a portfolio at spot prices (per-token nets, USD net, failing
    ///         tails). Reverts on a stale, missing or invalid blue-chip price, or an unregistered token.
    function breakdown(address owner, uint256 portfolioId) external view returns (Solvency.Breakdown memory) {
        return _breakdown(records(owner, portfolioId));
    }

    /// @notice The breakdown at reference prices: the one liquidation reads. Reverts as `breakdown` does,
    ///         and when a pool's reference price cannot be had (TwapUnavailable, a feed's error).
    function referenceBreakdown(address owner, uint256 portfolioId) external view returns (Solvency.Breakdown memory) {
        return _breakdown(referenceRecords(owner, portfolioId));
    }

    /// @notice Whether a portfolio is solvent under both valuations (what a user action must leave).
    function isSolvent(address owner, uint256 portfolioId) external view returns (bool) {
        (bool solvent,,) = _check(owner, portfolioId, BOTH);
        return solvent;
    }

    /// @notice Whether a portfolio can be liquidated now: insolvent under the reference valuation.
    function isLiquidatable(address owner, uint256 portfolioId) external view returns (bool) {
        return _positions[owner][portfolioId].length != 0 && !_breakdown(referenceRecords(owner, portfolioId)).solvent;
    }

    /// @notice Whether `producer`'s asset `assetId` is in a portfolio.
    function isInstalled(address producer, uint256 assetId) public view returns (bool) {
        return (_installed[producer][assetId >> 8] >> (assetId & 255)) & 1 != 0;
    }

    /// @notice The registry entry of `token` (all zero when not registered).
    function tokenInfo(address token)
        external
        view
        returns (bool registered, bool tail, uint8 decimals, uint32 maxAge, uint96 varianceX64, address feed)
    {
        TokenInfo memory i = _load(token);
        return (i.registered, i.tail, i.decimals, i.maxAge, i.varianceX64, i.feed);
    }

    /// @notice The feed answer and feed decimals for `token` (checked for staleness and sign).
    function price(address token) external view returns (int256 answer, uint8 decimals) {
        return _price(token, _info(token));
    }

    /// @notice `pool`'s TWAP window in seconds (the default when unset).
    function twapWindow(address pool) public view returns (uint32 w) {
        w = _poolReference[pool].twapWindow;
        if (w == 0) w = DEFAULT_TWAP_WINDOW;
    }

    /// @notice `pool`'s largest allowed spot-to-reference distance for user actions, in ticks.
    function maxDeviationTicks(address pool) public view returns (uint24 d) {
        d = _poolReference[pool].maxDeviationTicks;
        if (d == 0) d = DEFAULT_MAX_DEVIATION_TICKS;
    }

    /// @inheritdoc IPortfolioManager
    /// @dev Feeds: ReferencePrice.oracleSqrtPriceX96 of the two validated answers (a stale, missing or
    ///      invalid feed reverts with its error, never falls back to spot). Otherwise the mean tick of
    ///      `observe([window, 0])`; a pool whose observations do not reach back `window` seconds reverts
    ///      TwapUnavailable.
    function referenceSqrtPriceX96(address pool) public view returns (uint160) {
        address t0 = IReferencePool(pool).token0();
        address t1 = IReferencePool(pool).token1();
        TokenInfo memory i0 = _load(t0);
        TokenInfo memory i1 = _load(t1);
        if (i0.feed != address(0) && i1.feed != address(0)) {
            (int256 a0, uint8 fd0) = _price(t0, i0);
            (int256 a1, uint8 fd1) = _price(t1, i1);
            return ReferencePrice.oracleSqrtPriceX96(uint256(a0), fd0, i0.decimals, uint256(a1), fd1, i1.decimals);
        }
        uint32 window = twapWindow(pool);
        uint32[] memory ago = new uint32[](2);
        ago[0] = window;
        try IReferencePool(pool).observe(ago) returns (int56[] memory cumulatives, uint160[] memory) {
            if (cumulatives.length != 2) revert TwapUnavailable(pool, window);
            return TickMath.getSqrtRatioAtTick(ReferencePrice.twapTick(cumulatives[0], cumulatives[1], window));
        } catch {
            revert TwapUnavailable(pool, window);
        }
    }

    /// @inheritdoc IPortfolioManager
    function checkedReferenceSqrtPriceX96(address pool, int24 spotTick) external view returns (uint160 sqrtPriceX96) {
        sqrtPriceX96 = referenceSqrtPriceX96(pool);
        int24 refTick = TickMath.getTickAtSqrtRatio(sqrtPriceX96);
        int256 d = int256(spotTick) - refTick;
        if ((d < 0 ? -d : d) > int256(uint256(maxDeviationTicks(pool)))) revert PriceDeviation(pool, spotTick, refTick);
    }

    /*//////////////////////////////////////////////////////////////
                               INTERNALS
    //////////////////////////////////////////////////////////////*/

    function _requirePortfolio(address owner, uint256 portfolioId) internal view {
        if (portfolioId >= portfolioCount[owner]) revert UnknownPortfolio(owner, portfolioId);
    }

    /// @dev The check after a user action: solvent at spot and at reference prices (the producers refuse a
    ///      pool whose spot is too far from its reference).
    function _requireSolvent(address owner, uint256 portfolioId) internal view {
        (bool solvent, int256 usdNet, Valuation v) = _check(owner, portfolioId, USER);
        if (!solvent) revert Insolvent(owner, portfolioId, v, usdNet);
    }

    /// @dev Both valuations of a portfolio, cheaply: one producer call per producer (not per position) returns
    ///      both sets of Records; the token table is built and each feed read once, and both nettings use it;
    ///      when no producer's Records read a pool price the reference valuation is the spot one and is not
    ///      netted again. Returns the first failing valuation's verdict and USD net (spot first), else the last
    ///      netted (Solvency.verdict: the breakdown's per-token lists are not built).
    function _check(address owner, uint256 portfolioId, uint256 mode)
        internal
        view
        returns (bool solvent, int256 usdNet, Valuation v)
    {
        (Record[] memory spot, Record[] memory ref, bool pooled) = _gather(owner, portfolioId, mode);
        (address[] memory tokens, Solvency.TokenConfig[] memory configs, Solvency.Price[] memory prices, uint256 tailDebt) =
            _table(spot);
        (solvent, usdNet) = Solvency.verdict(spot, tokens, configs, prices, tailDebt);
        if (solvent && pooled) {
            (solvent, usdNet) = Solvency.verdict(ref, tokens, configs, prices, tailDebt);
            v = Valuation.Reference;
        }
    }

    /// @dev The Records of a portfolio in position order, one call per distinct producer (its positions'
    ///      asset ids in one array). `mode` SPOT or REFERENCE fills `a` only; BOTH and USER fill `a` (spot) and
    ///      `b` (reference; a producer that reads no pool reports its spot Records for both, and `pooled` says
    ///      whether any producer did read one).
    function _gather(address owner, uint256 portfolioId, uint256 mode)
        internal
        view
        returns (Record[] memory a, Record[] memory b, bool pooled)
    {
        return _gatherFrom(_positions[owner][portfolioId], mode);
    }

    function _gatherFrom(uint256[] memory w, uint256 mode)
        internal
        view
        returns (Record[] memory a, Record[] memory b, bool pooled)
    {
        uint256 n = w.length;
        a = _pointers(n);
        if (mode >= BOTH) b = _pointers(n);
        uint256 done; // bit j: position j's Records are in
        for (uint256 i; i < n; ++i) {
            if ((done >> i) & 1 != 0) continue;
            (uint256[] memory ids, uint256[] memory at, uint256 taken) = _group(w, i);
            done |= taken;
            if (_ask(IProducer(address(uint160(w[i]))), ids, at, a, b, mode)) pooled = true;
        }
    }

    /// @dev The asset ids of the positions from i on whose producer is position i's, their indexes, and the
    ///      mask of those indexes.
    function _group(uint256[] memory w, uint256 i)
        internal
        pure
        returns (uint256[] memory ids, uint256[] memory at, uint256 taken)
    {
        uint256 n = w.length;
        ids = new uint256[](n - i);
        at = new uint256[](n - i);
        assembly ("memory-safe") {
            // i < n: position i's producer, then every position from i on with the same one.
            let mask := sub(shl(160, 1), 1)
            let producer := and(mload(add(w, shl(5, add(i, 1)))), mask)
            let m := 0
            for { let j := i } lt(j, n) { j := add(j, 1) } {
                let word := mload(add(w, shl(5, add(j, 1))))
                if eq(and(word, mask), producer) {
                    m := add(m, 1)
                    mstore(add(ids, shl(5, m)), shr(160, word))
                    mstore(add(at, shl(5, m)), j)
                    taken := or(taken, shl(j, 1))
                }
            }
            mstore(ids, m)
            mstore(at, m)
        }
    }

    /// @dev One producer's Records for `ids`, placed at positions `at` of `a` (and `b`). Returns whether the
    ///      producer reported reference Records of their own (its Records read a pool).
    function _ask(
        IProducer producer,
        uint256[] memory ids,
        uint256[] memory at,
        Record[] memory a,
        Record[] memory b,
        uint256 mode
    ) internal view returns (bool pooled) {
        uint256 m = ids.length;
        bytes memory ret = _staticcall(
            address(producer),
            mode < BOTH
                ? abi.encodeCall(IProducer.records, (ids, mode == REFERENCE))
                : abi.encodeCall(IProducer.valuations, (ids, mode == USER))
        );
        Record[] memory rs = RecordsCodec.decode(ret, 0);
        Record[] memory rr = rs; // a producer that reads no pool: its spot Records are its reference ones
        if (mode >= BOTH) {
            Record[] memory own = RecordsCodec.decode(ret, 1);
            if (own.length != 0) (rr, pooled) = (own, true);
        }
        // One Record per asset asked for (a short answer would leave positions unset).
        if (rs.length != m || rr.length != m) revert BadProducerAnswer(address(producer));
        bool both = mode >= BOTH;
        assembly ("memory-safe") {
            // at[k] < a.length (= b.length): the indexes _group took from the position list.
            for { let k := 0 } lt(k, m) { k := add(k, 1) } {
                let o := shl(5, add(k, 1))
                let to := shl(5, add(mload(add(at, o)), 1))
                mstore(add(a, to), mload(add(rs, o)))
                if both { mstore(add(b, to), mload(add(rr, o))) }
            }
        }
    }

    /// @dev A `Record[]` of length n whose entries are left unset (every one is assigned before it is read):
    ///      `new Record[](n)` would allocate an empty Record for each.
    function _pointers(uint256 n) internal pure returns (Record[] memory a) {
        assembly ("memory-safe") {
            a := mload(0x40)
            mstore(a, n)
            mstore(0x40, add(a, shl(5, add(n, 1))))
        }
    }

    /// @dev A view call whose revert data is passed on as is (as a high-level call does).
    function _staticcall(address target, bytes memory data) internal view returns (bytes memory ret) {
        bool ok;
        (ok, ret) = target.staticcall(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 32), mload(ret))
            }
        }
    }

    function _positionsOf(address owner, uint256 portfolioId) internal view returns (Position[] memory ps) {
        uint256[] storage ws = _positions[owner][portfolioId];
        ps = new Position[](ws.length);
        for (uint256 i; i < ps.length; ++i) ps[i] = _unpack(ws[i]);
    }

    function _unpack(uint256 word) internal pure returns (Position memory) {
        return Position(address(uint160(word)), word >> 160);
    }

    function _breakdown(Record[] memory recs) internal view returns (Solvency.Breakdown memory) {
        (address[] memory tokens, Solvency.TokenConfig[] memory configs, Solvency.Price[] memory prices, uint256 tailDebt) =
            _table(recs);
        return Solvency.check(recs, tokens, configs, prices, tailDebt);
    }

    /// @dev The token table of `recs` (distinct tokens in order of first appearance), their registry
    ///      entries, the blue-chips' feed answers, and the all-tail Records' fixed debt (read only when a tail
    ///      token is held: without one no Record is all-tail and the debt is multiplied by zero).
    function _table(Record[] memory recs)
        internal
        view
        returns (
            address[] memory tokens,
            Solvency.TokenConfig[] memory configs,
            Solvency.Price[] memory prices,
            uint256 tailDebt
        )
    {
        // One pass over the Records' token lists, the table built in place at the free memory pointer (nothing
        // else is allocated meanwhile; it is reserved at the end, when its length is known).
        uint256 n;
        uint256 hint;
        assembly ("memory-safe") {
            tokens := mload(0x40)
            let p := add(tokens, 32)
            let rn := mload(recs)
            for { let i := 0 } lt(i, rn) { i := add(i, 1) } {
                let ts := mload(mload(add(recs, shl(5, add(i, 1))))) // recs[i].tokens
                let tn := mload(ts)
                for { let j := 0 } lt(j, tn) { j := add(j, 1) } {
                    let t := mload(add(ts, shl(5, add(j, 1))))
                    // Byte (t & 31) of `hint`: 1 + the index of the last token listed whose address ends so (0:
                    // none, so t is new). A hint naming another token falls back to the scan.
                    let b := shl(3, and(t, 31))
                    let h := and(shr(b, hint), 0xff)
                    let k := n
                    if h {
                        k := sub(h, 1)
                        if iszero(eq(mload(add(p, shl(5, k))), t)) {
                            k := 0
                            for {} lt(k, n) { k := add(k, 1) } { if eq(mload(add(p, shl(5, k))), t) { break } }
                        }
                    }
                    if eq(k, n) {
                        mstore(add(p, shl(5, n)), t)
                        if lt(n, 255) { hint := or(and(hint, not(shl(b, 0xff))), shl(b, add(n, 1))) }
                        n := add(n, 1)
                    }
                }
            }
            mstore(tokens, n)
            mstore(0x40, add(p, shl(5, n)))
        }
        configs = new Solvency.TokenConfig[](n);
        prices = new Solvency.Price[](n);
        for (uint256 k; k < n; ++k) {
            address t = tokens[k];
            uint256 w = _tokens[t];
            uint256 d = (w >> 232) & 63;
            if (d == 0) revert Solvency.UnknownToken(t);
            bool tail = (w >> 238) & 1 != 0;
            configs[k] = Solvency.TokenConfig(((w >> 160) & ((1 << 72) - 1)) + Solvency.ONE_X64 + 1, tail, uint8(d - 1));
            if (tail) {
                tailDebt = 1;
            } else {
                (int256 answer, uint8 feedDecimals) = _feedAnswer(t, address(uint160(w)), _maxAge(t, w));
                prices[k] = Solvency.Price(answer, feedDecimals);
            }
        }
        if (tailDebt != 0) tailDebt = tailRecordUsdDebt;
    }

    function _info(address token) internal view returns (TokenInfo memory info) {
        info = _load(token);
        if (!info.registered) revert Solvency.UnknownToken(token);
    }

    /// @dev The registry entry of `token` (all zero when not registered).
    function _load(address token) internal view returns (TokenInfo memory info) {
        uint256 w = _tokens[token];
        uint256 d = (w >> 232) & 63;
        if (d == 0) return info;
        info.registered = true;
        info.decimals = uint8(d - 1);
        info.tail = (w >> 238) & 1 != 0;
        info.feed = address(uint160(w));
        info.varianceX64 = uint96(((w >> 160) & ((1 << 72) - 1)) + Solvency.ONE_X64 + 1);
        info.maxAge = _maxAge(token, w);
    }

    /// @dev The staleness limit of `token` whose registry word is `w`.
    function _maxAge(address token, uint256 w) internal view returns (uint32) {
        uint256 age = w >> 239;
        return age == LONG_MAX_AGE ? _longMaxAge[token] : uint32(age);
    }

    /// @dev Live feed answer: MissingPrice without a feed; InvalidPrice for a feed that reverts, an answer
    ///      outside (0, 2^128) or more than 36 feed decimals (Solvency's bounds, so that the liquidation
    ///      arithmetic, which reads tail feeds too, never meets a price the netting would refuse);
    ///      StalePrice when older than the token's limit or dated in the future.
    ///      The two calls are made directly (what `try feed.latestRoundData()` / `try feed.decimals()` do, without
    ///      their decoders: a call that reverts is InvalidPrice; an answer too short or with a field outside its
    ///      type (uint80, uint8) reverts with empty data, as the compiler's decoder does).
    function _price(address token, TokenInfo memory info) internal view returns (int256 answer, uint8 decimals) {
        return _feedAnswer(token, info.feed, info.maxAge);
    }

    function _feedAnswer(address token, address feed, uint256 maxAge) internal view returns (int256 answer, uint8 decimals) {
        if (feed == address(0)) revert MissingPrice(token);
        uint256 updatedAt;
        bool ok = true;
        assembly ("memory-safe") {
            let m := mload(0x40) // scratch above the free memory pointer, not kept
            mstore(m, 0xfeaf968c00000000000000000000000000000000000000000000000000000000) // latestRoundData()
            switch staticcall(gas(), feed, m, 4, m, 160)
            case 0 { ok := 0 }
            default {
                if or(lt(returndatasize(), 160), or(shr(80, mload(m)), shr(80, mload(add(m, 128))))) { revert(0, 0) }
                answer := mload(add(m, 32))
                updatedAt := mload(add(m, 96))
                mstore(m, 0x313ce56700000000000000000000000000000000000000000000000000000000) // decimals()
                switch staticcall(gas(), feed, m, 4, m, 32)
                case 0 { ok := 0 }
                default {
                    if or(lt(returndatasize(), 32), shr(8, mload(m))) { revert(0, 0) }
                    decimals := mload(m)
                }
            }
        }
        if (!ok) revert Solvency.InvalidPrice(token);
        // InvalidPrice before StalePrice, the order Solvency.check reports them in.
        if (answer <= 0 || uint256(answer) >= Solvency.ANSWER_LIMIT || decimals > Solvency.MAX_DECIMALS) {
            revert Solvency.InvalidPrice(token);
        }
        if (updatedAt > block.timestamp || block.timestamp - updatedAt > maxAge) revert StalePrice(token, updatedAt);
    }

    /// @dev Calls `producer.destroy` with settlement pulled from `payer`.
    function _destroy(address producer, uint256 assetId, address payer, address recipient) internal {
        assembly ("memory-safe") {
            tstore(SETTLING_SLOT, producer)
            tstore(PAYER_SLOT, payer)
        }
        IProducer(producer).destroy(assetId, recipient);
        assembly ("memory-safe") {
            tstore(SETTLING_SLOT, 0)
            tstore(PAYER_SLOT, 0)
        }
    }

    function _paidSlot(address token) internal pure returns (bytes32 slot) {
        slot = keccak256(abi.encode(token, PAID_SLOT));
    }

    /// @dev Removes element i keeping the order of the others.
    function _removeAt(uint256[] storage ps, uint256 i) internal {
        uint256 last = ps.length - 1;
        for (uint256 j = i; j < last; ++j) ps[j] = ps[j + 1];
        ps.pop();
    }
}
