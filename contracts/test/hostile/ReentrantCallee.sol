// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Minimal} from "../../interfaces/IERC20Minimal.sol";

interface IHostilePool {
    function token0() external view returns (address);
    function token1() external view returns (address);
    function swap(address recipient, bool zeroForOne, int256 amountSpecified, uint160 sqrtPriceLimitX96, bytes calldata data)
        external
        returns (int256 amount0, int256 amount1);
    function mint(address recipient, int24 tickLower, int24 tickUpper, uint128 amount, bytes calldata data)
        external
        returns (uint256 amount0, uint256 amount1);
}

/// @title ReentrantCallee
/// @notice Swaps and mints on a pool and, inside the pool's callback, first runs an attack call
///         (any target and data, e.g. a second swap, a collect, a release) and records how it ended;
///         then pays `payPips` of what it owes (1_000_000 = in full), so tests can show that re-entry
///         is refused and that an under-payment reverts the whole action.
contract ReentrantCallee {
    address public attackTarget;
    bytes public attackData;
    bool public lastAttackOk;
    bytes public lastAttackData;
    uint256 public payPips = 1_000_000;

    function setAttack(address target, bytes calldata data) external {
        (attackTarget, attackData) = (target, data);
    }

    function setPayPips(uint256 pips) external {
        payPips = pips;
    }

    function swap(address pool, bool zeroForOne, int256 amountSpecified, uint160 limit) external returns (int256, int256) {
        return IHostilePool(pool).swap(address(this), zeroForOne, amountSpecified, limit, abi.encode(pool));
    }

    function mint(address pool, int24 lower, int24 upper, uint128 amount) external returns (uint256, uint256) {
        return IHostilePool(pool).mint(address(this), lower, upper, amount, abi.encode(pool));
    }

    function twoSidedSwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata) external {
        _attack();
        if (amount0Delta > 0) _pay(IHostilePool(msg.sender).token0(), uint256(amount0Delta));
        if (amount1Delta > 0) _pay(IHostilePool(msg.sender).token1(), uint256(amount1Delta));
    }

    function twoSidedMintCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata) external {
        _attack();
        if (amount0Owed > 0) _pay(IHostilePool(msg.sender).token0(), amount0Owed);
        if (amount1Owed > 0) _pay(IHostilePool(msg.sender).token1(), amount1Owed);
    }

    function _attack() internal {
        if (attackTarget == address(0)) return;
        (bool ok, bytes memory ret) = attackTarget.call(attackData);
        (lastAttackOk, lastAttackData) = (ok, ret);
    }

    function _pay(address token, uint256 owed) internal {
        IERC20Minimal(token).transfer(msg.sender, owed * payPips / 1_000_000);
    }
}
