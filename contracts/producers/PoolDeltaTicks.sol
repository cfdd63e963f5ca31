// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Owned} from "../utils/Owned.sol";
import {TickMath} from "../libraries/TickMath.sol";

/// @title PoolDeltaTicks
/// @notice The per-pool price move (in ticks) that a 2sAMM producer's deltas cover, set by
///         governance; shared by the taker producer and the maker+taker bundler.
abstract contract PoolDeltaTicks is Owned {
    /// @notice Thrown for a price-move parameter of 0 or above 887272 ticks.
    error InvalidDeltaTicks();

    event DeltaTicksSet(address indexed pool, uint24 deltaTicks);

    /// @notice Price move used for the delta when a pool has no setting: 1000 ticks (about 10.5%).
    uint24 public constant DEFAULT_DELTA_TICKS = 1000;

    mapping(address pool => uint24) internal _deltaTicks;

    /// @notice Sets the price move (in ticks) that `pool`'s deltas cover (governance).
    function setDeltaTicks(address pool, uint24 ticks) external onlyOwner {
        if (ticks == 0 || ticks > uint24(TickMath.MAX_TICK)) revert InvalidDeltaTicks();
        _deltaTicks[pool] = ticks;
        emit DeltaTicksSet(pool, ticks);
    }

    /// @notice The price move (ticks) of `pool`'s deltas.
    function deltaTicks(address pool) public view returns (uint24 t) {
        t = _deltaTicks[pool];
        if (t == 0) t = DEFAULT_DELTA_TICKS;
    }
}
