// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Minimal} from "../interfaces/IERC20Minimal.sol";

/// @notice The action surface Uniswap V3 pools and 2sAMM pools share (same signatures, same selectors).
interface IFuzzPool {
    function token0() external view returns (address);
    function token1() external view returns (address);
    function mint(address recipient, int24 tickLower, int24 tickUpper, uint128 amount, bytes calldata data)
        external
        returns (uint256 amount0, uint256 amount1);
    function burn(int24 tickLower, int24 tickUpper, uint128 amount) external returns (uint256 amount0, uint256 amount1);
    function swap(address recipient, bool zeroForOne, int256 amountSpecified, uint160 sqrtPriceLimitX96, bytes calldata data)
        external
        returns (int256 amount0, int256 amount1);
}

/// @notice The state views both pool kinds share.
interface IFuzzPoolState {
    function liquidity() external view returns (uint128);
    function feeGrowthGlobal0X128() external view returns (uint256);
    function feeGrowthGlobal1X128() external view returns (uint256);
}

/// @title FuzzRouter
/// @notice Drives Uniswap V3 and 2sAMM pools for the differential fuzzer: holds the test tokens, owns the positions,
///         and pays every mint/swap/taker callback from its own balance. Each action emits its exact amounts, so a
///         sent transaction's results can be read from its receipt.
contract FuzzRouter {
    /// @notice Thrown when a callback comes from a pool this router is not calling.
    error UnexpectedCaller();

    event Minted(address indexed pool, uint256 amount0, uint256 amount1);
    event Burned(address indexed pool, uint256 amount0, uint256 amount1);
    event Swapped(address indexed pool, int256 amount0, int256 amount1);

    /// @dev The pool of the action under way; callbacks from anything else revert.
    address private active;

    function mint(address pool, int24 tickLower, int24 tickUpper, uint128 amount) external returns (uint256 amount0, uint256 amount1) {
        active = pool;
        (amount0, amount1) = IFuzzPool(pool).mint(address(this), tickLower, tickUpper, amount, "");
        active = address(0);
        emit Minted(pool, amount0, amount1);
    }

    function burn(address pool, int24 tickLower, int24 tickUpper, uint128 amount) external returns (uint256 amount0, uint256 amount1) {
        (amount0, amount1) = IFuzzPool(pool).burn(tickLower, tickUpper, amount);
        emit Burned(pool, amount0, amount1);
    }

    function swap(address pool, bool zeroForOne, int256 amountSpecified, uint160 sqrtPriceLimitX96)
        external
        returns (int256 amount0, int256 amount1)
    {
        active = pool;
        (amount0, amount1) = IFuzzPool(pool).swap(address(this), zeroForOne, amountSpecified, sqrtPriceLimitX96, "");
        active = address(0);
        emit Swapped(pool, amount0, amount1);
    }

    /// @notice Lets a caller (the fuzzer) act as this router, e.g. to call a pool's taker functions.
    function call(address target, bytes calldata data) external returns (bytes memory) {
        active = target;
        (bool ok, bytes memory ret) = target.call(data);
        active = address(0);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 32), mload(ret))
            }
        }
        return ret;
    }

    /// @notice Price, tick, active liquidity and fee growth of a Uniswap V3 or 2sAMM pool in one call (both pools'
    ///         slot0 start with (sqrtPriceX96, tick); Uniswap's extra fields are ignored).
    function poolState(address pool)
        external
        view
        returns (uint160 sqrtPriceX96, int24 tick, uint128 liquidity, uint256 feeGrowthGlobal0X128, uint256 feeGrowthGlobal1X128)
    {
        (bool ok, bytes memory s0) = pool.staticcall(abi.encodeWithSignature("slot0()"));
        require(ok);
        (sqrtPriceX96, tick) = abi.decode(s0, (uint160, int24));
        liquidity = IFuzzPoolState(pool).liquidity();
        feeGrowthGlobal0X128 = IFuzzPoolState(pool).feeGrowthGlobal0X128();
        feeGrowthGlobal1X128 = IFuzzPoolState(pool).feeGrowthGlobal1X128();
    }

    /// @notice block.timestamp as an eth_call sees it (the time a view such as a staleness check uses).
    function blockTimestamp() external view returns (uint256) {
        return block.timestamp;
    }

    function uniswapV3MintCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata) external {
        _pay(amount0Owed, amount1Owed);
    }

    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata) external {
        _pay(amount0Delta > 0 ? uint256(amount0Delta) : 0, amount1Delta > 0 ? uint256(amount1Delta) : 0);
    }

    function twoSidedMintCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata) external {
        _pay(amount0Owed, amount1Owed);
    }

    function twoSidedSwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata) external {
        _pay(amount0Delta > 0 ? uint256(amount0Delta) : 0, amount1Delta > 0 ? uint256(amount1Delta) : 0);
    }

    function twoSidedTakerCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata) external {
        _pay(amount0Owed, amount1Owed);
    }

    function _pay(uint256 amount0, uint256 amount1) private {
        if (msg.sender != active) revert UnexpectedCaller();
        if (amount0 > 0) require(IERC20Minimal(IFuzzPool(msg.sender).token0()).transfer(msg.sender, amount0));
        if (amount1 > 0) require(IERC20Minimal(IFuzzPool(msg.sender).token1()).transfer(msg.sender, amount1));
    }
}
