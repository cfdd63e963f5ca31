// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Deploys 2sAMM pools for the factory; a pool reads its configuration from it while being constructed.
interface ITwoSidedPoolDeployer {
    /// @notice Configuration of the pool under construction, flat: tickSpacing, min/mid/max fee, taker cap and
    ///         protocol fee packed as 6 x 24 bits (tickSpacing lowest) in `config`.
    function parameters()
        external
        view
        returns (address factory, address token0, address token1, address moneyMarket, uint256 config);

    /// @notice Deploy a pool at the CREATE2 address of `salt` (factory only).
    function deploy(address token0, address token1, address moneyMarket, uint256 config, bytes32 salt)
        external
        returns (address pool);
}
