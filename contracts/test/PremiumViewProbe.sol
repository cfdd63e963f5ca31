// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITwoSidedPool} from "../interfaces/ITwoSidedPool.sol";

/// @title PremiumViewProbe
/// @notice In one transaction (one timestamp): a pool's premium growth over some ranges from its view (indexes
///         accrued in memory), then accruePremiumIndexes (indexes written), then the view again. Tests compare the
///         two: a view must give what an accrual at the same time writes.
contract PremiumViewProbe {
    uint256[] internal _before;
    uint256[] internal _after;

    function accrueBetweenViews(address pool, int24[] calldata lower, int24[] calldata upper) external {
        delete _before;
        delete _after;
        _read(pool, lower, upper, _before);
        ITwoSidedPool(pool).accruePremiumIndexes();
        _read(pool, lower, upper, _after);
    }

    function getBefore() external view returns (uint256[] memory) {
        return _before;
    }

    function getAfter() external view returns (uint256[] memory) {
        return _after;
    }

    function _read(address pool, int24[] calldata lower, int24[] calldata upper, uint256[] storage out) internal {
        for (uint256 i; i < lower.length; ++i) {
            (uint256 m0, uint256 m1, uint256 t0, uint256 t1) = ITwoSidedPool(pool).premiumGrowthInside(lower[i], upper[i]);
            out.push(m0);
            out.push(m1);
            out.push(t0);
            out.push(t1);
        }
    }
}
