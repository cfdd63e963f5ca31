// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title FakePool
/// @notice Not a 2sAMM pool: a contract that answers the few calls the 2sAMM maker and taker producers
///         and the lens make (mint, take, makerPositions, takerPositions, moneyMarket, token0/1, slot0)
///         with whatever it is told.
///         Used to show whether a producer trusts a pool address it did not get from the factory.
contract FakePool {
    address public immutable token0;
    address public immutable token1;
    address public constant moneyMarket = address(0);
    uint256 public claimed0;
    uint256 public claimed1;

    constructor(address token0_, address token1_, uint256 claimed0_, uint256 claimed1_) {
        (token0, token1, claimed0, claimed1) = (token0_, token1_, claimed0_, claimed1_);
    }

    function take(int24, int24, uint128) external pure returns (uint256, uint256) {
        return (0, 0);
    }

    function slot0() external pure returns (uint160, int24) {
        return (uint160(1) << 96, 0);
    }

    /// @dev Position.Taker: liquidity 0 (nothing owed back), the claimed amounts as "lent" shares.
    function takerPositions(bytes32)
        external
        view
        returns (uint128, uint256, uint256, uint256, uint256, uint256, uint256, uint256, uint256)
    {
        return (0, 0, 0, 0, 0, 0, 0, claimed0, claimed1);
    }

    /// @dev Takes no tokens and calls no callback.
    function mint(address, int24, int24, uint128, bytes calldata) external pure returns (uint256, uint256) {
        return (0, 0);
    }

    /// @dev Position.Maker: liquidity 0, the claimed amounts as tokens owed.
    function makerPositions(bytes32)
        external
        view
        returns (uint128, uint256, uint256, uint256, uint256, uint128, uint128)
    {
        return (0, 0, 0, 0, 0, uint128(claimed0), uint128(claimed1));
    }

    function release(int24, int24, uint128, address, bytes calldata) external pure returns (int256, int256) {
        return (0, 0);
    }
}
