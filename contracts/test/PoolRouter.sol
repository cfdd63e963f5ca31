// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Minimal} from "../interfaces/IERC20Minimal.sol";
import {ITwoSidedPool} from "../interfaces/ITwoSidedPool.sol";

/// @notice The mint and swap entry points Uniswap V3's pool and the 2sAMM pool share (same selectors).
interface IMintSwapPool {
    function token0() external view returns (address);
    function token1() external view returns (address);
    function mint(address recipient, int24 tickLower, int24 tickUpper, uint128 amount, bytes calldata data)
        external
        returns (uint256 amount0, uint256 amount1);
    function swap(address recipient, bool zeroForOne, int256 amountSpecified, uint160 sqrtPriceLimitX96, bytes calldata data)
        external
        returns (int256 amount0, int256 amount1);
}

/// @title PoolRouter
/// @notice Test router for both Uniswap V3 and 2sAMM pools: implements their callbacks and pays from its own
///         balance. Holds the positions it opens. Can re-enter the pool from a callback (reentrancy tests).
contract PoolRouter {
    event Swapped(int256 amount0, int256 amount1);

    /// @dev 0: no re-entry; 1: re-enter swap from a callback; 2: re-enter mint from a callback
    uint8 public reenter;

    function setReenter(uint8 mode) external {
        reenter = mode;
    }

    function mint(address pool, address recipient, int24 tickLower, int24 tickUpper, uint128 amount)
        external
        returns (uint256 amount0, uint256 amount1)
    {
        return IMintSwapPool(pool).mint(recipient, tickLower, tickUpper, amount, "");
    }

    function swap(address pool, address recipient, bool zeroForOne, int256 amountSpecified, uint160 sqrtPriceLimitX96)
        external
        returns (int256 amount0, int256 amount1)
    {
        (amount0, amount1) = IMintSwapPool(pool).swap(recipient, zeroForOne, amountSpecified, sqrtPriceLimitX96, "");
        emit Swapped(amount0, amount1);
    }

    function burn(address pool, int24 tickLower, int24 tickUpper, uint128 amount) external returns (uint256, uint256) {
        return ITwoSidedPool(pool).burn(tickLower, tickUpper, amount);
    }

    function collect(address pool, address recipient, int24 tickLower, int24 tickUpper)
        external
        returns (uint128, uint128)
    {
        return ITwoSidedPool(pool).collect(recipient, tickLower, tickUpper, type(uint128).max, type(uint128).max);
    }

    function take(address pool, int24 tickLower, int24 tickUpper, uint128 liquidity) external returns (uint256, uint256) {
        return ITwoSidedPool(pool).take(tickLower, tickUpper, liquidity);
    }

    function release(address pool, int24 tickLower, int24 tickUpper, uint128 liquidity, address recipient)
        external
        returns (int256, int256)
    {
        return ITwoSidedPool(pool).release(tickLower, tickUpper, liquidity, recipient, "");
    }

    function _pay(uint256 amount0, uint256 amount1) internal {
        if (reenter == 1) IMintSwapPool(msg.sender).swap(address(this), true, 1, 4295128740, "");
        if (reenter == 2) IMintSwapPool(msg.sender).mint(address(this), 0, 60, 1, "");
        if (amount0 > 0) IERC20Minimal(IMintSwapPool(msg.sender).token0()).transfer(msg.sender, amount0);
        if (amount1 > 0) IERC20Minimal(IMintSwapPool(msg.sender).token1()).transfer(msg.sender, amount1);
    }

    function _paySwap(int256 amount0, int256 amount1) internal {
        _pay(amount0 > 0 ? uint256(amount0) : 0, amount1 > 0 ? uint256(amount1) : 0);
    }

    function uniswapV3MintCallback(uint256 amount0, uint256 amount1, bytes calldata) external {
        _pay(amount0, amount1);
    }

    function uniswapV3SwapCallback(int256 amount0, int256 amount1, bytes calldata) external {
        _paySwap(amount0, amount1);
    }

    function twoSidedMintCallback(uint256 amount0, uint256 amount1, bytes calldata) external {
        _pay(amount0, amount1);
    }

    function twoSidedSwapCallback(int256 amount0, int256 amount1, bytes calldata) external {
        _paySwap(amount0, amount1);
    }

    function twoSidedTakerCallback(uint256 amount0, uint256 amount1, bytes calldata) external {
        _pay(amount0, amount1);
    }
}
