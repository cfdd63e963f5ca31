// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AggregatorV3Interface} from "../../interfaces/AggregatorV3Interface.sol";

/// @title HostileFeed
/// @notice A Chainlink-style feed that can misbehave on demand: revert (with or without data),
///         answer zero, negative or huge values, report any decimals and any update time.
contract HostileFeed is AggregatorV3Interface {
    error FeedDown();

    /// @dev 0: answer normally; 1: latestRoundData reverts with FeedDown; 2: reverts with no data;
    ///      3: decimals() reverts.
    uint8 public mode;
    uint8 internal _decimals;
    int256 public answer;
    uint256 public updatedAt;

    constructor(uint8 decimals_, int256 answer_) {
        (_decimals, answer, updatedAt) = (decimals_, answer_, block.timestamp);
    }

    function set(int256 answer_, uint256 updatedAt_, uint8 decimals_, uint8 mode_) external {
        (answer, updatedAt, _decimals, mode) = (answer_, updatedAt_, decimals_, mode_);
    }

    function decimals() external view override returns (uint8) {
        if (mode == 3) revert FeedDown();
        return _decimals;
    }

    function latestRoundData() external view override returns (uint80, int256, uint256, uint256, uint80) {
        if (mode == 1) revert FeedDown();
        if (mode == 2) revert();
        return (1, answer, updatedAt, updatedAt, 1);
    }
}
