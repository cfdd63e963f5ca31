// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Factory of 2sAMM pools, owned by governance.
interface ITwoSidedPoolFactory {
    /// @notice A pool's configuration.
    struct PoolConfig {
        int24 tickSpacing;
        uint24 minFeePips;
        uint24 midFeePips;
        uint24 maxFeePips;
        uint24 takerCapPips;
        uint24 protocolFeePips;
        address moneyMarket;
    }

    event PoolCreated(address indexed token0, address indexed token1, bytes32 indexed configHash, PoolConfig config, address pool);
    event TakerSet(address indexed account, bool allowed);

    /// @notice Governance: the factory's owner (utils/Owned) governs every pool it created.
    /// @notice Whether `account` may take liquidity in this factory's pools.
    function isTaker(address account) external view returns (bool);
    /// @notice Pool of (tokenA, tokenB) sorted, and config; zero if none.
    function getPool(address tokenA, address tokenB, PoolConfig calldata config) external view returns (address);
    /// @notice Create the pool of a token pair and configuration (governance only).
    function createPool(address tokenA, address tokenB, PoolConfig calldata config) external returns (address pool);
    /// @notice Allow or disallow a taker (governance only).
    function setTaker(address account, bool allowed) external;
}
