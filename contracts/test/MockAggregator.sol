// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @title MockAggregator
/// @notice A settable Chainlink-style feed for local networks and tests. Anyone may set the answer.
/// @dev The round is one storage slot, as a deployed feed's is not (a real feed costs what it costs; see
///      docs/pm.md): the answer in the low 128 bits (as int128), the update time in the next 48 and the round
///      id in the top 80. An answer outside int128 or a time from 2^48 on does not fit: the slot's time then
///      holds WIDE and both are kept in `_wide` (what tests of bad feeds set).
contract MockAggregator is AggregatorV3Interface {
    event AnswerUpdated(int256 answer, uint256 updatedAt, uint80 roundId);

    uint256 private constant WIDE = (1 << 48) - 1;

    struct Wide {
        int256 answer;
        uint256 updatedAt;
    }

    uint8 public immutable override decimals;
    uint256 private _round;
    Wide private _wide;

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

    /// @notice The last answer set.
    function answer() public view returns (int256 a) {
        (, a,) = _latest();
    }

    /// @notice The last update time set.
    function updatedAt() public view returns (uint256 u) {
        (,, u) = _latest();
    }

    /// @notice The number of answers set (the current round).
    function roundId() public view returns (uint80 r) {
        (r,,) = _latest();
    }

    function latestRoundData() external view override returns (uint80, int256, uint256, uint256, uint80) {
        (uint80 r, int256 a, uint256 u) = _latest();
        return (r, a, u, u, r);
    }

    function _latest() private view returns (uint80 r, int256 a, uint256 u) {
        uint256 w = _round;
        r = uint80(w >> 176);
        u = (w >> 128) & WIDE;
        if (u == WIDE) return (r, _wide.answer, _wide.updatedAt);
        a = int128(uint128(w));
    }

    function _set(int256 answer_, uint256 updatedAt_) private {
        uint80 r = uint80(_round >> 176) + 1;
        if (answer_ >= type(int128).min && answer_ <= type(int128).max && updatedAt_ < WIDE) {
            _round = uint256(uint128(int128(answer_))) | (updatedAt_ << 128) | (uint256(r) << 176);
        } else {
            _round = (WIDE << 128) | (uint256(r) << 176);
            _wide = Wide(answer_, updatedAt_);
        }
        emit AnswerUpdated(answer_, updatedAt_, r);
    }
}
