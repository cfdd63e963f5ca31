// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IMoneyMarket} from "../interfaces/IMoneyMarket.sol";
import {IERC20Minimal} from "../interfaces/IERC20Minimal.sol";

/// @notice The money market's permissionless accrual (MoneyMarket.accrue).
interface IAccruingMarket {
    function accrue(address token) external;
}

/// @title FlashSupplier
/// @notice The flash-supply attack on sampled rates (docs/security.md): in one transaction, supply `amount` of
///         `token` to a money market (lowering its utilisation and so its borrow rate), call a target (a pool touch:
///         accruePremiumIndexes, or a router's swap), then withdraw every share. With `amount` 0 it only accrues the
///         market before the call, as a supply would: the honest reference the attack is compared with.
///         Pays for the supply from its own balance (tests mint it tokens).
contract FlashSupplier {
    /// @notice The market's borrow rate of `token` seen during the call, per second X64 (what a rate-sampling pool
    ///         would have read).
    uint256 public rateDuringCall;
    /// @notice What the call returned (a view read inside the flash supply, e.g. a Record or an index).
    bytes public lastResult;

    function flash(address market, address token, uint256 amount, address target, bytes calldata data)
        external
        returns (bytes memory result)
    {
        uint256 shares;
        if (amount > 0) {
            IERC20Minimal(token).approve(market, amount);
            shares = IMoneyMarket(market).supply(token, amount);
        } else {
            IAccruingMarket(market).accrue(token);
        }
        rateDuringCall = IMoneyMarket(market).borrowRatePerSecondX64(token);
        bool ok;
        (ok, result) = target.call(data);
        if (!ok) {
            // bubble the touch's own error
            assembly {
                revert(add(result, 32), mload(result))
            }
        }
        lastResult = result;
        if (shares > 0) IMoneyMarket(market).withdraw(token, shares, address(this));
    }
}
