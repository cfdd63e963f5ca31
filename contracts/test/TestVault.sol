// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

/// @title TestVault
/// @notice OpenZeppelin's ERC-4626 vault with two test levers: `lose` sends assets away (a strategy
///         loss, so the share price falls) and `gain` is plain donation through `transfer` to the vault.
contract TestVault is ERC4626 {
    event Lost(uint256 assets);

    constructor(IERC20 asset_, string memory name_, string memory symbol_) ERC20(name_, symbol_) ERC4626(asset_) {}

    /// @notice Sends `assets` of the vault's assets to a dead address (anyone may call; tests only).
    function lose(uint256 assets) external {
        emit Lost(assets);
        SafeERC20.safeTransfer(IERC20(asset()), address(0xdead), assets);
    }
}
