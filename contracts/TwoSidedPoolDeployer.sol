// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITwoSidedPoolDeployer} from "./interfaces/ITwoSidedPoolDeployer.sol";
import {TwoSidedPool} from "./TwoSidedPool.sol";

/// @title TwoSidedPoolDeployer
/// @notice Holds the pool's creation code so the factory stays under the contract size limit. Created by the
///         factory in its constructor; only the factory may deploy.
contract TwoSidedPoolDeployer is ITwoSidedPoolDeployer {
    error NotFactory();

    address internal immutable _factory;
    // Set only while a pool is being constructed.
    address internal _token0;
    address internal _token1;
    address internal _moneyMarket;
    uint256 internal _config;

    constructor() {
        _factory = msg.sender;
    }

    /// @inheritdoc ITwoSidedPoolDeployer
    function parameters()
        external
        view
        override
        returns (address, address, address, address, uint256)
    {
        return (_factory, _token0, _token1, _moneyMarket, _config);
    }

    /// @inheritdoc ITwoSidedPoolDeployer
    function deploy(address token0, address token1, address moneyMarket, uint256 config, bytes32 salt)
        external
        override
        returns (address pool)
    {
        if (msg.sender != _factory) revert NotFactory();
        (_token0, _token1, _moneyMarket, _config) = (token0, token1, moneyMarket, config);
        pool = address(new TwoSidedPool{salt: salt}());
        (_token0, _token1, _moneyMarket, _config) = (address(0), address(0), address(0), 0);
    }
}
