// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IMoneyMarket} from "../interfaces/IMoneyMarket.sol";
import {IERC20Minimal} from "../interfaces/IERC20Minimal.sol";

/// @title MockMoneyMarket
/// @notice IMoneyMarket with rates and a lend index set by the test. Shares are amount x 1e18 / index (rounded
///         down); interest is paid from tokens the test mints to the mock. The borrow index grows at the borrow
///         rate as MoneyMarket's does between accruals (B + ceil(B x rate x dt / 2^64)); setRates accrues it first.
contract MockMoneyMarket is IMoneyMarket {
    mapping(address => uint256) public borrowRate;
    mapping(address => uint256) public lendRate;
    mapping(address => uint256) public index; // 1e18 = 1
    mapping(address => mapping(address => uint256)) public sharesOf;
    mapping(address => uint256) internal _borrowIndex; // X64 at _borrowIndexTime (0: 1.0)
    mapping(address => uint256) internal _borrowIndexTime;

    function setRates(address token, uint256 borrowX64, uint256 lendX64) external {
        (_borrowIndex[token], _borrowIndexTime[token]) = (currentBorrowIndexX64(token), block.timestamp);
        (borrowRate[token], lendRate[token]) = (borrowX64, lendX64);
    }

    function currentBorrowIndexX64(address token) public view returns (uint256 b) {
        b = _borrowIndex[token];
        if (b == 0) return 1 << 64;
        uint256 growth = b * borrowRate[token] * (block.timestamp - _borrowIndexTime[token]);
        if (growth != 0) b += (growth - 1) / (1 << 64) + 1;
    }

    function setIndex(address token, uint256 index1e18) external {
        index[token] = index1e18;
    }

    function _index(address token) internal view returns (uint256 i) {
        i = index[token];
        if (i == 0) i = 1e18;
    }

    function borrowRatePerSecondX64(address token) external view returns (uint256) {
        return borrowRate[token];
    }

    function lendRatePerSecondX64(address token) external view returns (uint256) {
        return lendRate[token];
    }

    function supply(address token, uint256 amount) external returns (uint256 shares) {
        IERC20Minimal(token).transferFrom(msg.sender, address(this), amount);
        shares = amount * 1e18 / _index(token);
        sharesOf[token][msg.sender] += shares;
    }

    function withdraw(address token, uint256 shares, address to) external returns (uint256 amount) {
        sharesOf[token][msg.sender] -= shares;
        amount = shares * _index(token) / 1e18;
        IERC20Minimal(token).transfer(to, amount);
    }

    function sharesToAmount(address token, uint256 shares) external view returns (uint256) {
        return shares * _index(token) / 1e18;
    }
}
