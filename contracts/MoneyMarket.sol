// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IMoneyMarket} from "./interfaces/IMoneyMarket.sol";
import {Owned} from "./utils/Owned.sol";
import {ReentrancyGuard} from "./utils/ReentrancyGuard.sol";
import {TransferHelper} from "./libraries/TransferHelper.sol";

/// @title MoneyMarket
/// @notice Per-token lending and borrowing with a kinked, utilisation-based borrow rate.
///         Anyone may supply (the 2sAMM deposits Takers' tokens here); only accounts that
///         governance authorised as borrowers (the Portfolio Manager's borrow producer) may
///         create debt, because a borrow is only safe while the PM watches its collateral.
/// @dev Balances are shares against two interest indexes (X64, starting at 1.0):
///      lend amount = floor(shares * lendIndex / 2^64), debt = ceil(shares * borrowIndex / 2^64).
///      Indexes grow linearly per accrual: index += index * rate * dt / 2^64 (lend rounds down,
///      borrow rounds up), so every rounding favours the market. What borrowers pay above what
///      lenders earn (the reserve share and rounding) stays as reserves:
///      reserves = cash + total debt - total supplied.
contract MoneyMarket is IMoneyMarket, Owned, ReentrancyGuard {
    /*//////////////////////////////////////////////////////////////
                                ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice Thrown when `token` has no market.
    error MarketNotListed(address token);
    /// @notice Thrown when listing a token that already has a market.
    error MarketAlreadyListed(address token);
    /// @notice Thrown when rate parameters are out of bounds (kink in (0, 1], reserve share <= 1,
    ///         maximum borrow rate <= MAX_RATE_X64).
    error InvalidRateModel();
    /// @notice Thrown when a caller that is not an authorised borrower tries to borrow.
    error NotBorrower();
    /// @notice Thrown when an amount or share count is zero.
    error ZeroAmount();
    /// @notice Thrown when the market does not hold enough idle tokens for a withdrawal or borrow.
    error InsufficientCash(uint256 requested, uint256 available);
    /// @notice Thrown when burning more lend shares than the account holds.
    error InsufficientShares(uint256 requested, uint256 held);
    /// @notice Thrown when withdrawing more reserves than have accrued.
    error InsufficientReserves(uint256 requested, uint256 available);

    /*//////////////////////////////////////////////////////////////
                                EVENTS
    //////////////////////////////////////////////////////////////*/

    event MarketListed(address indexed token);
    event RateModelSet(
        address indexed token, uint256 baseRateX64, uint256 slope1X64, uint256 kinkX64, uint256 slope2X64, uint256 reserveShareX64
    );
    event BorrowerSet(address indexed account, bool allowed);
    event Accrued(address indexed token, uint256 lendIndexX64, uint256 borrowIndexX64);
    event Supplied(address indexed token, address indexed account, uint256 amount, uint256 shares);
    event Withdrawn(address indexed token, address indexed account, address to, uint256 amount, uint256 shares);
    event Borrowed(address indexed token, address indexed borrower, address to, uint256 amount, uint256 shares);
    event Repaid(address indexed token, address indexed payer, address indexed onBehalfOf, uint256 amount, uint256 shares);
    event ReservesWithdrawn(address indexed token, address to, uint256 amount);

    /*//////////////////////////////////////////////////////////////
                                STATE
    //////////////////////////////////////////////////////////////*/

    uint256 internal constant ONE_X64 = 1 << 64;
    /// @notice Highest borrow rate the model may reach, per second X64 (about 2^-20/s, ~3000%/year).
    uint256 public constant MAX_RATE_X64 = 1 << 44;

    /// @dev Rate model, Aave-style kink: below the kink the rate climbs from `base` to
    ///      `base + slope1`; above it climbs by `slope2` more at full utilisation.
    struct RateModel {
        uint256 baseRateX64; // per second, at 0% utilisation
        uint256 slope1X64; // added between 0% and the kink
        uint256 kinkX64; // utilisation where the slope changes, in (0, 1]
        uint256 slope2X64; // added between the kink and 100%
        uint256 reserveShareX64; // share of borrow interest kept by the protocol, <= 1
    }

    struct Market {
        bool listed;
        uint64 lastAccrual; // timestamp of the last index update
        uint256 lendIndexX64;
        uint256 borrowIndexX64;
        uint256 totalLendShares;
        uint256 totalBorrowShares;
        uint256 cash; // tokens held by the market (tracked, so donations do not move rates)
        RateModel model;
    }

    mapping(address token => Market) internal markets;
    /// @notice Lend shares per token and account.
    mapping(address token => mapping(address account => uint256)) public lendShares;
    /// @notice Borrow shares per token and borrower.
    mapping(address token => mapping(address account => uint256)) public borrowShares;
    /// @notice Accounts allowed to borrow.
    mapping(address account => bool) public isBorrower;

    constructor(address owner_) Owned(owner_) {}

    /*//////////////////////////////////////////////////////////////
                              GOVERNANCE
    //////////////////////////////////////////////////////////////*/

    /// @notice Opens a market for `token` with the given rate model.
    function listMarket(address token, RateModel calldata model) external onlyOwner {
        Market storage m = markets[token];
        if (m.listed) revert MarketAlreadyListed(token);
        _validate(model);
        m.listed = true;
        m.lastAccrual = uint64(block.timestamp);
        m.lendIndexX64 = ONE_X64;
        m.borrowIndexX64 = ONE_X64;
        m.model = model;
        emit MarketListed(token);
        emit RateModelSet(token, model.baseRateX64, model.slope1X64, model.kinkX64, model.slope2X64, model.reserveShareX64);
    }

    /// @notice Replaces the rate model of `token`; interest up to now accrues at the old rates.
    function setRateModel(address token, RateModel calldata model) external onlyOwner {
        Market storage m = _accrue(token);
        _validate(model);
        m.model = model;
        emit RateModelSet(token, model.baseRateX64, model.slope1X64, model.kinkX64, model.slope2X64, model.reserveShareX64);
    }

    /// @notice Authorises or de-authorises `account` to borrow.
    function setBorrower(address account, bool allowed) external onlyOwner {
        isBorrower[account] = allowed;
        emit BorrowerSet(account, allowed);
    }

    /// @notice Sends `amount` of accrued reserves of `token` to `to`.
    function withdrawReserves(address token, uint256 amount, address to) external onlyOwner nonReentrant {
        Market storage m = _accrue(token);
        uint256 available = _reserves(m);
        if (amount > available) revert InsufficientReserves(amount, available);
        if (amount > m.cash) revert InsufficientCash(amount, m.cash);
        m.cash -= amount;
        emit ReservesWithdrawn(token, to, amount);
        TransferHelper.safeTransfer(token, to, amount);
    }

    function _validate(RateModel calldata model) internal pure {
        if (
            model.kinkX64 == 0 || model.kinkX64 > ONE_X64 || model.reserveShareX64 > ONE_X64
                || model.baseRateX64 > MAX_RATE_X64 || model.slope1X64 > MAX_RATE_X64 || model.slope2X64 > MAX_RATE_X64
                || model.baseRateX64 + model.slope1X64 + model.slope2X64 > MAX_RATE_X64
        ) revert InvalidRateModel();
    }

    /*//////////////////////////////////////////////////////////////
                               LENDING
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMoneyMarket
    function supply(address token, uint256 amount) external nonReentrant returns (uint256 shares) {
        if (amount == 0) revert ZeroAmount();
        Market storage m = _accrue(token);
        // Fewer shares for the same tokens: rounds in the market's favour.
        shares = amount * ONE_X64 / m.lendIndexX64;
        if (shares == 0) revert ZeroAmount();
        m.totalLendShares += shares;
        m.cash += amount;
        lendShares[token][msg.sender] += shares;
        emit Supplied(token, msg.sender, amount, shares);
        TransferHelper.safeTransferFrom(token, msg.sender, address(this), amount);
    }

    /// @inheritdoc IMoneyMarket
    function withdraw(address token, uint256 shares, address to) external nonReentrant returns (uint256 amount) {
        if (shares == 0) revert ZeroAmount();
        Market storage m = _accrue(token);
        uint256 held = lendShares[token][msg.sender];
        if (shares > held) revert InsufficientShares(shares, held);
        amount = shares * m.lendIndexX64 / ONE_X64;
        if (amount > m.cash) revert InsufficientCash(amount, m.cash);
        lendShares[token][msg.sender] = held - shares;
        m.totalLendShares -= shares;
        m.cash -= amount;
        emit Withdrawn(token, msg.sender, to, amount, shares);
        if (amount != 0) TransferHelper.safeTransfer(token, to, amount);
    }

    /// @inheritdoc IMoneyMarket
    function sharesToAmount(address token, uint256 shares) external view returns (uint256) {
        (uint256 lendIndexX64,) = _currentIndexes(_listed(token));
        return shares * lendIndexX64 / ONE_X64;
    }

    /*//////////////////////////////////////////////////////////////
                              BORROWING
    //////////////////////////////////////////////////////////////*/

    /// @notice Borrows `amount` of `token` to `to`; the debt is owed by msg.sender.
    /// @dev Only authorised borrowers (the PM's borrow producer), see the contract notice.
    /// @return shares Borrow shares added to msg.sender (rounded up).
    function borrow(address token, uint256 amount, address to) external nonReentrant returns (uint256 shares) {
        if (!isBorrower[msg.sender]) revert NotBorrower();
        if (amount == 0) revert ZeroAmount();
        Market storage m = _accrue(token);
        if (amount > m.cash) revert InsufficientCash(amount, m.cash);
        // More shares for the same tokens: the borrower owes at least what they received.
        shares = _divUp(amount * ONE_X64, m.borrowIndexX64);
        m.totalBorrowShares += shares;
        m.cash -= amount;
        borrowShares[token][msg.sender] += shares;
        emit Borrowed(token, msg.sender, to, amount, shares);
        TransferHelper.safeTransfer(token, to, amount);
    }

    /// @notice Repays up to `amount` of `onBehalfOf`'s debt in `token`, pulling tokens from msg.sender.
    ///         Paying at least the whole debt clears it and pulls exactly the debt.
    /// @return paid Tokens pulled. @return shares Borrow shares burned (rounded down on partial repays).
    function repay(address token, uint256 amount, address onBehalfOf)
        external
        nonReentrant
        returns (uint256 paid, uint256 shares)
    {
        if (amount == 0) revert ZeroAmount();
        Market storage m = _accrue(token);
        uint256 held = borrowShares[token][onBehalfOf];
        uint256 debt = _divUp(held * m.borrowIndexX64, ONE_X64);
        if (amount >= debt) {
            (paid, shares) = (debt, held);
        } else {
            (paid, shares) = (amount, amount * ONE_X64 / m.borrowIndexX64);
        }
        borrowShares[token][onBehalfOf] = held - shares;
        m.totalBorrowShares -= shares;
        m.cash += paid;
        emit Repaid(token, msg.sender, onBehalfOf, paid, shares);
        if (paid != 0) TransferHelper.safeTransferFrom(token, msg.sender, address(this), paid);
    }

    /// @notice Burns exactly `shares` of `onBehalfOf`'s borrow shares of `token`, pulling their value
    ///         (rounded up, as `debtOf`) from msg.sender. Lets a holder of pooled shares (the borrow
    ///         producer) retire one position's shares without touching the others.
    /// @return paid Tokens pulled.
    function repayShares(address token, uint256 shares, address onBehalfOf) external nonReentrant returns (uint256 paid) {
        if (shares == 0) revert ZeroAmount();
        Market storage m = _accrue(token);
        uint256 held = borrowShares[token][onBehalfOf];
        if (shares > held) revert InsufficientShares(shares, held);
        paid = _divUp(shares * m.borrowIndexX64, ONE_X64);
        borrowShares[token][onBehalfOf] = held - shares;
        m.totalBorrowShares -= shares;
        m.cash += paid;
        emit Repaid(token, msg.sender, onBehalfOf, paid, shares);
        TransferHelper.safeTransferFrom(token, msg.sender, address(this), paid);
    }

    /// @notice Current debt of `account` in `token` (rounded up).
    function debtOf(address token, address account) external view returns (uint256) {
        (, uint256 borrowIndexX64) = _currentIndexes(_listed(token));
        return _divUp(borrowShares[token][account] * borrowIndexX64, ONE_X64);
    }

    /// @notice Token value of `shares` borrow shares at the current index (rounded up).
    function borrowSharesToAmount(address token, uint256 shares) external view returns (uint256) {
        (, uint256 borrowIndexX64) = _currentIndexes(_listed(token));
        return _divUp(shares * borrowIndexX64, ONE_X64);
    }

    /// @notice Brings `token`'s indexes up to date (anyone may call).
    function accrue(address token) external {
        _accrue(token);
    }

    /*//////////////////////////////////////////////////////////////
                                 VIEWS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IMoneyMarket
    function borrowRatePerSecondX64(address token) public view returns (uint256) {
        Market storage m = _listed(token);
        (uint256 lendIndexX64, uint256 borrowIndexX64) = _currentIndexes(m);
        return _borrowRate(m.model, _utilisation(m, lendIndexX64, borrowIndexX64));
    }

    /// @notice The rate model's highest borrow rate (at 100% utilisation), per second, X64: a rate no
    ///         supply or withdrawal can move, for bounds that a solvency check reads.
    function maxBorrowRatePerSecondX64(address token) external view returns (uint256) {
        return _borrowRate(_listed(token).model, ONE_X64);
    }

    /// @inheritdoc IMoneyMarket
    function currentBorrowIndexX64(address token) external view returns (uint256 index) {
        (, index) = _currentIndexes(_listed(token));
    }

    /// @inheritdoc IMoneyMarket
    function lendRatePerSecondX64(address token) external view returns (uint256) {
        Market storage m = _listed(token);
        (uint256 lendIndexX64, uint256 borrowIndexX64) = _currentIndexes(m);
        uint256 u = _utilisation(m, lendIndexX64, borrowIndexX64);
        return _lendRate(m.model, _borrowRate(m.model, u), u);
    }

    /// @notice Borrowed / supplied, X64, capped at 1 (0 with nothing supplied).
    function utilisationX64(address token) external view returns (uint256) {
        Market storage m = _listed(token);
        (uint256 lendIndexX64, uint256 borrowIndexX64) = _currentIndexes(m);
        return _utilisation(m, lendIndexX64, borrowIndexX64);
    }

    /// @notice Market totals at the current indexes.
    function marketState(address token)
        external
        view
        returns (uint256 totalSupplied, uint256 totalBorrowed, uint256 cash, uint256 reserves, uint256 lendIndexX64, uint256 borrowIndexX64)
    {
        Market storage m = _listed(token);
        (lendIndexX64, borrowIndexX64) = _currentIndexes(m);
        totalSupplied = m.totalLendShares * lendIndexX64 / ONE_X64;
        totalBorrowed = _divUp(m.totalBorrowShares * borrowIndexX64, ONE_X64);
        cash = m.cash;
        uint256 claims = totalSupplied;
        reserves = cash + totalBorrowed > claims ? cash + totalBorrowed - claims : 0;
    }

    /// @notice The rate model of `token`.
    function rateModel(address token) external view returns (RateModel memory) {
        return _listed(token).model;
    }

    /// @notice `token`'s market as stored: the indexes and share totals the last accrual wrote, and its time.
    ///         What an off-chain twin needs to accrue the market to a later time exactly as `_currentIndexes`
    ///         will (the accrued views above cannot be wound back to it).
    function storedMarket(address token)
        external
        view
        returns (uint64 lastAccrual, uint256 lendIndexX64, uint256 borrowIndexX64, uint256 totalLendShares, uint256 totalBorrowShares, uint256 cash)
    {
        Market storage m = _listed(token);
        return (m.lastAccrual, m.lendIndexX64, m.borrowIndexX64, m.totalLendShares, m.totalBorrowShares, m.cash);
    }

    /*//////////////////////////////////////////////////////////////
                               INTERNALS
    //////////////////////////////////////////////////////////////*/

    function _listed(address token) internal view returns (Market storage m) {
        m = markets[token];
        if (!m.listed) revert MarketNotListed(token);
    }

    function _accrue(address token) internal returns (Market storage m) {
        m = _listed(token);
        if (m.lastAccrual == block.timestamp) return m;
        (uint256 lendIndexX64, uint256 borrowIndexX64) = _currentIndexes(m);
        m.lendIndexX64 = lendIndexX64;
        m.borrowIndexX64 = borrowIndexX64;
        m.lastAccrual = uint64(block.timestamp);
        emit Accrued(token, lendIndexX64, borrowIndexX64);
    }

    /// @dev Indexes as they would be after accruing to now, at the rates in force since the last accrual.
    function _currentIndexes(Market storage m) internal view returns (uint256 lendIndexX64, uint256 borrowIndexX64) {
        lendIndexX64 = m.lendIndexX64;
        borrowIndexX64 = m.borrowIndexX64;
        uint256 dt = block.timestamp - m.lastAccrual;
        if (dt == 0) return (lendIndexX64, borrowIndexX64);
        uint256 u = _utilisation(m, lendIndexX64, borrowIndexX64);
        uint256 borrowRate = _borrowRate(m.model, u);
        uint256 lendRate = _lendRate(m.model, borrowRate, u);
        // Debt grows at least as fast as the true rate, lender claims at most as fast.
        borrowIndexX64 += _divUp(borrowIndexX64 * borrowRate * dt, ONE_X64);
        lendIndexX64 += lendIndexX64 * lendRate * dt / ONE_X64;
    }

    function _utilisation(Market storage m, uint256 lendIndexX64, uint256 borrowIndexX64) internal view returns (uint256) {
        uint256 supplied = m.totalLendShares * lendIndexX64 / ONE_X64;
        if (supplied == 0) return 0;
        uint256 borrowed = _divUp(m.totalBorrowShares * borrowIndexX64, ONE_X64);
        if (borrowed >= supplied) return ONE_X64;
        return borrowed * ONE_X64 / supplied;
    }

    /// @dev u <= kink: base + slope1 * u / kink; above: base + slope1 + slope2 * (u - kink) / (1 - kink).
    function _borrowRate(RateModel storage model, uint256 uX64) internal view returns (uint256) {
        uint256 kink = model.kinkX64;
        if (uX64 <= kink) return model.baseRateX64 + model.slope1X64 * uX64 / kink;
        return model.baseRateX64 + model.slope1X64 + model.slope2X64 * (uX64 - kink) / (ONE_X64 - kink);
    }

    /// @dev borrow rate x utilisation x (1 - reserve share), each product rounded down.
    function _lendRate(RateModel storage model, uint256 borrowRateX64, uint256 uX64) internal view returns (uint256) {
        return (borrowRateX64 * uX64 / ONE_X64) * (ONE_X64 - model.reserveShareX64) / ONE_X64;
    }

    function _reserves(Market storage m) internal view returns (uint256) {
        uint256 supplied = m.totalLendShares * m.lendIndexX64 / ONE_X64;
        uint256 borrowed = _divUp(m.totalBorrowShares * m.borrowIndexX64, ONE_X64);
        return m.cash + borrowed > supplied ? m.cash + borrowed - supplied : 0;
    }

    function _divUp(uint256 a, uint256 b) internal pure returns (uint256) {
        return a == 0 ? 0 : (a - 1) / b + 1;
    }
}
