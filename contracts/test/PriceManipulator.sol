// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Minimal} from "../interfaces/IERC20Minimal.sol";
import {IMintSwapPool} from "./PoolRouter.sol";

/// @notice The two Portfolio Manager calls the attacker makes for itself.
interface IPortfolioOpener {
    function openPortfolio() external returns (uint256);
}

/// @title PriceManipulator
/// @notice A flash-capital attacker as one contract: it owns a portfolio, and in a single transaction pushes a
///         pool's price with a swap paid from its own balance, makes a call as the portfolio's owner (a borrow,
///         an uninstall, a liquidation) and swaps the price back. A refused call reverts the whole transaction
///         with the refusal's revert data, as a real attack would.
contract PriceManipulator {
    address public immutable pm;
    uint256 public immutable portfolioId;

    constructor(address pm_) {
        pm = pm_;
        portfolioId = IPortfolioOpener(pm_).openPortfolio();
    }

    /// @notice Any call as this contract (approvals, mints and deposits into its own portfolio).
    function execute(address target, bytes calldata data) external returns (bytes memory ret) {
        bool ok;
        (ok, ret) = target.call(data);
        if (!ok) _bubble(ret);
    }

    /// @notice Swap `pool` to `pushTo`, call `target`, swap back to the starting price: one transaction.
    function pushAndCall(address pool, uint160 pushTo, address target, bytes calldata data) external returns (bytes memory ret) {
        (uint160 start,) = IPoolSlot0(pool).slot0();
        _swapTo(pool, start, pushTo);
        bool ok;
        (ok, ret) = target.call(data);
        if (!ok) _bubble(ret);
        (uint160 pushed,) = IPoolSlot0(pool).slot0();
        _swapTo(pool, pushed, start);
    }

    function _swapTo(address pool, uint160 from, uint160 to) private {
        if (from == to) return;
        IMintSwapPool(pool).swap(address(this), from > to, type(int128).max, to, "");
    }

    /// @dev Pays the pool what it is owed (2sAMM and Uniswap V3 callbacks share this shape).
    function twoSidedSwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata) external {
        _pay(amount0Delta, amount1Delta);
    }

    function uniswapV3SwapCallback(int256 amount0Delta, int256 amount1Delta, bytes calldata) external {
        _pay(amount0Delta, amount1Delta);
    }

    function _pay(int256 amount0Delta, int256 amount1Delta) private {
        if (amount0Delta > 0) IERC20Minimal(IMintSwapPool(msg.sender).token0()).transfer(msg.sender, uint256(amount0Delta));
        if (amount1Delta > 0) IERC20Minimal(IMintSwapPool(msg.sender).token1()).transfer(msg.sender, uint256(amount1Delta));
    }

    function _bubble(bytes memory ret) private pure {
        assembly ("memory-safe") {
            revert(add(ret, 32), mload(ret))
        }
    }
}

interface IPoolSlot0 {
    function slot0() external view returns (uint160 sqrtPriceX96, int24 tick);
}
