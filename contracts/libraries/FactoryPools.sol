// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITwoSidedPool} from "../interfaces/ITwoSidedPool.sol";
import {ITwoSidedPoolFactory} from "../interfaces/ITwoSidedPoolFactory.sol";

/// @title FactoryPools
/// @notice Producers value positions by reading the pool, so they must only accept pools their trusted
///         factory created: a look-alike contract could otherwise report any Record and borrow real
///         tokens against it.
library FactoryPools {
    /// @notice Thrown when an address is not a pool of the trusted factory.
    error UnknownPool(address pool);

    /// @dev The pool's own configuration must map back to its address in the factory.
    function requireFactoryPool(ITwoSidedPoolFactory factory, ITwoSidedPool pool) internal view {
        if (address(pool).code.length == 0) revert UnknownPool(address(pool));
        ITwoSidedPoolFactory.PoolConfig memory c;
        c.tickSpacing = pool.tickSpacing();
        (c.minFeePips, c.midFeePips, c.maxFeePips) = pool.feeParams();
        c.takerCapPips = pool.takerCapPips();
        c.protocolFeePips = pool.protocolFeePips();
        c.moneyMarket = pool.moneyMarket();
        if (factory.getPool(pool.token0(), pool.token1(), c) != address(pool)) revert UnknownPool(address(pool));
    }
}
