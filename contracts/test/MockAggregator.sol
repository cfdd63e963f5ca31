// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @title MockAggregator
/// @notice A settable Chainlink-style feed for local networks and tests. Anyone may set the answer.
contract MockAggregator is AggregatorV3Interface {
    event AnswerUpdated(int256 answer, uint256 updatedAt, uint80 roundId);

    uint8 public immutable override decimals;
    int256 public answer;
    uint256 public updatedAt;
    uint80 public roundId;

    constructor(uint8 decimals_, int256 answer_) {
        decimals = decimals_;
        _set(answer_, block.timestamp);
    }

    /// @notice Sets the answer, stamped with the current block time.
    function setAnswer(int256 answer_) external {
        _set(answer_, block.timestamp);
    }

    /// @notice Sets the answer with an explicit update time (to simulate a stale feed).
    function setAnswerAt(int256 answer_, uint256 updatedAt_) external {
        _set(answer_, updatedAt_);
    }

    function latestRoundData() external view override returns (uint80, int256, uint256, uint256, uint80) {
        return (roundId, answer, updatedAt, updatedAt, roundId);
    }

    function _set(int256 answer_, uint256 updatedAt_) private {
        roundId++;
        (answer, updatedAt) = (answer_, updatedAt_);
        emit AnswerUpdated(answer_, updatedAt_, roundId);
    }
}
