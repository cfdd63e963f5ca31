// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITwoSidedPoolFactory} from "./interfaces/ITwoSidedPoolFactory.sol";
import {ITwoSidedPoolErrors} from "./interfaces/pool/ITwoSidedPoolErrors.sol";
import {Owned} from "./utils/Owned.sol";
import {TwoSidedPoolDeployer} from "./TwoSidedPoolDeployer.sol";
import {ITwoSidedPoolDeployer} from "./interfaces/ITwoSidedPoolDeployer.sol";
import {FeeCurve} from "./libraries/FeeCurve.sol";

/// @title TwoSidedPoolFactory
/// @notice Creates one 2sAMM pool per token pair and configuration (governance only) and keeps the list of
///         accounts allowed to take liquidity (the taker producers). Its owner governs every pool it created.
contract TwoSidedPoolFactory is ITwoSidedPoolFactory, ITwoSidedPoolErrors, Owned {
    /// @notice The contract that holds the pool's creation code and deploys pools.
    ITwoSidedPoolDeployer public immutable deployer;

    mapping(bytes32 => address) internal _pools;
    /// @inheritdoc ITwoSidedPoolFactory
    mapping(address => bool) public override isTaker;

    constructor(address owner_) Owned(owner_) {
        deployer = new TwoSidedPoolDeployer();
    }

    /// @inheritdoc ITwoSidedPoolFactory
    function getPool(address tokenA, address tokenB, PoolConfig calldata config) external view override returns (address) {
        (address t0, address t1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
        return _pools[_key(t0, t1, config)];
    }

    /// @inheritdoc ITwoSidedPoolFactory
    function createPool(address tokenA, address tokenB, PoolConfig calldata config)
        external
        override
        onlyOwner
        returns (address pool)
    {
        if (tokenA == tokenB) revert InvalidTokens();
        (address t0, address t1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
        if (t0 == address(0)) revert InvalidTokens();
        if (config.tickSpacing < 1 || config.tickSpacing > 16384) revert InvalidTickSpacing();
        FeeCurve.validate(config.minFeePips, config.midFeePips, config.maxFeePips);
        if (config.protocolFeePips > 1_000_000) revert InvalidProtocolFee();
        if (config.takerCapPips > 1_000_000) revert InvalidTakerCap();
        bytes32 k = _key(t0, t1, config);
        if (_pools[k] != address(0)) revert PoolExists();
        uint256 packed = uint256(uint24(config.tickSpacing)) | uint256(config.minFeePips) << 24
            | uint256(config.midFeePips) << 48 | uint256(config.maxFeePips) << 72 | uint256(config.takerCapPips) << 96
            | uint256(config.protocolFeePips) << 120;
        pool = deployer.deploy(t0, t1, config.moneyMarket, packed, k);
        _pools[k] = pool;
        emit PoolCreated(t0, t1, keccak256(abi.encode(config)), config, pool);
    }

    /// @inheritdoc ITwoSidedPoolFactory
    function setTaker(address account, bool allowed) external override onlyOwner {
        isTaker[account] = allowed;
        emit TakerSet(account, allowed);
    }

    function _key(address t0, address t1, PoolConfig calldata config) internal pure returns (bytes32) {
        return keccak256(abi.encode(t0, t1, config));
    }
}
