// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IMoneyMarket
/// @notice What the 2sAMM and the producers need from the money market: per-token lending,
///         borrowing and the current rates. Rates are per second, X64 fixed point
///         (a rate r means balances grow by r/2^64 per second).
interface IMoneyMarket {
    /// @notice Current borrow rate of `token`, per second, X64.
    function borrowRatePerSecondX64(address token) external view returns (uint256);

    /// @notice Borrow index of `token` accrued to now, X64 (1.0 at listing, never decreasing): a debt of `d` at
    ///         index `B` is `d x B' / B` at index `B'`. Exactly what an accrual in this block writes, so a supply
    ///         or withdrawal earlier in the block (which accrues first) does not change it.
    function currentBorrowIndexX64(address token) external view returns (uint256);

    /// @notice Current lend (supply) rate of `token`, per second, X64:
    ///         borrow rate x utilisation x (1 - reserve share).
    function lendRatePerSecondX64(address token) external view returns (uint256);

    /// @notice Supply `amount` of `token` (pulled from msg.sender) on behalf of msg.sender.
    /// @return shares Lend shares credited to msg.sender.
    function supply(address token, uint256 amount) external returns (uint256 shares);

    /// @notice Burn `shares` of msg.sender's lend shares of `token` and send the tokens to `to`.
    /// @return amount Tokens sent (rounded down).
    function withdraw(address token, uint256 shares, address to) external returns (uint256 amount);

    /// @notice Token value of `shares` lend shares at the current index (rounded down).
    function sharesToAmount(address token, uint256 shares) external view returns (uint256);
}
