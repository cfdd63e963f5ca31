// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TransferHelper} from "../libraries/TransferHelper.sol";

/// @notice The 2sAMM pool functions the quoter uses.
interface IQuotedPool {
    function token0() external view returns (address);
    function token1() external view returns (address);
    function slot0() external view returns (uint160 sqrtPriceX96, int24 tick);
    function mint(address recipient, int24 tickLower, int24 tickUpper, uint128 amount, bytes calldata data)
        external
        returns (uint256 amount0, uint256 amount1);
    function swap(address recipient, bool zeroForOne, int256 amountSpecified, uint160 sqrtPriceLimitX96, bytes calldata data)
        external
        returns (int256 amount0, int256 amount1);
}

/// @title SwapQuoter
/// @notice Quotes a 2sAMM swap on chain without changing state (Uniswap QuoterV2 style): the swap runs inside
///         a call, the swap callback reverts with the pool's deltas and the price reached, and `quote` decodes
///         that revert. For benchmarks (an `eth_call` of `quote`) and tests. It also provides liquidity from its
///         own token balance, so a benchmark pool can be set up with it.
contract SwapQuoter {
    /// @notice Thrown when a callback comes from anything but the pool being called.
    error UnexpectedCaller();
    /// @notice Carries a swap's result out of the reverted swap call.
    error Quoted(int256 amount0, int256 amount1, uint160 sqrtPriceX96, int24 tick);

    /// @notice Emitted when the quoter adds liquidity to a pool.
    event Minted(address indexed pool, int24 tickLower, int24 tickUpper, uint128 liquidity, uint256 amount0, uint256 amount1);

    /// @dev The pool of the call under way; callbacks from anything else revert.
    address private transient _active;

    /// @notice The result of `pool.swap(...)`, state unchanged (the swap is reverted).
    /// @dev Not a view: call it with eth_call. A revert of the pool (bad limit, zero amount) is passed through.
    /// @return amount0 the pool's token0 delta (> 0 paid in)
    /// @return amount1 the pool's token1 delta
    /// @return sqrtPriceX96 the price after the swap
    /// @return tick the tick after the swap
    function quote(address pool, bool zeroForOne, int256 amountSpecified, uint160 sqrtPriceLimitX96)
        external
        returns (int256 amount0, int256 amount1, uint160 sqrtPriceX96, int24 tick)
    {
        _active = pool;
        try IQuotedPool(pool).swap(address(this), zeroForOne, amountSpecified, sqrtPriceLimitX96, "") returns (
            int256 a0, int256 a1
        ) {
            // No callback (nothing owed): the swap went through; report it as is.
            _active = address(0);
            (sqrtPriceX96, tick) = IQuotedPool(pool).slot0();
            return (a0, a1, sqrtPriceX96, tick);
        } catch (bytes memory reason) {
            _active = address(0);
            if (reason.length != 132 || bytes4(reason) != Quoted.selector) {
                assembly ("memory-safe") {
                    revert(add(reason, 32), mload(reason))
                }
            }
            assembly ("memory-safe") {
                amount0 := mload(add(reason, 36))
                amount1 := mload(add(reason, 68))
                sqrtPriceX96 := mload(add(reason, 100))
                tick := mload(add(reason, 132))
            }
        }
    }

    /// @notice Swap callback: ends the quote with the deltas and the pool's new price.
    function twoSidedSwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata) external view {
        if (msg.sender != _active) revert UnexpectedCaller();
        (uint160 sqrtPriceX96, int24 tick) = IQuotedPool(msg.sender).slot0();
        revert Quoted(amount0Delta, amount1Delta, sqrtPriceX96, tick);
    }

    /// @notice Adds maker liquidity owned by this contract, paid from its own balance.
    function mint(address pool, int24 tickLower, int24 tickUpper, uint128 liquidity)
        external
        returns (uint256 amount0, uint256 amount1)
    {
        _active = pool;
        (amount0, amount1) = IQuotedPool(pool).mint(address(this), tickLower, tickUpper, liquidity, "");
        _active = address(0);
        emit Minted(pool, tickLower, tickUpper, liquidity, amount0, amount1);
    }

    /// @notice Mint callback: pays the pool from this contract's balance.
    function twoSidedMintCallback(uint256 amount0Owed, uint256 amount1Owed, bytes calldata) external {
        if (msg.sender != _active) revert UnexpectedCaller();
        if (amount0Owed != 0) TransferHelper.safeTransfer(IQuotedPool(msg.sender).token0(), msg.sender, amount0Owed);
        if (amount1Owed != 0) TransferHelper.safeTransfer(IQuotedPool(msg.sender).token1(), msg.sender, amount1Owed);
    }
}
