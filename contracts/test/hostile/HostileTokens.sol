// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title HostileToken
/// @notice An ERC-20 with switchable misbehaviour: transfers that return false without moving
///         anything, a fee taken from every transfer (fee-on-transfer), or a hook that calls any
///         target during every transfer (re-entrancy) and records how that call ended.
contract HostileToken {
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    uint8 public immutable decimals;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    /// @notice When set, transfer and transferFrom return false and move nothing.
    bool public returnFalse;
    /// @notice Fee in pips (1e-6) burnt from every transfer's amount.
    uint256 public feePips;
    address public hookTarget;
    bytes public hookData;
    bool public lastHookOk;
    bytes public lastHookData;
    uint256 public hookCalls;

    constructor(uint8 decimals_) {
        decimals = decimals_;
    }

    function mint(address to, uint256 amount) external {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    function setReturnFalse(bool on) external {
        returnFalse = on;
    }

    function setFeePips(uint256 pips) external {
        feePips = pips;
    }

    /// @notice Arms the hook (target zero disarms it).
    function setHook(address target, bytes calldata data) external {
        (hookTarget, hookData) = (target, data);
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        if (returnFalse) return false;
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        if (returnFalse) return false;
        uint256 a = allowance[from][msg.sender];
        if (a != type(uint256).max) allowance[from][msg.sender] = a - amount;
        _move(from, to, amount);
        return true;
    }

    function _move(address from, address to, uint256 amount) private {
        balanceOf[from] -= amount;
        uint256 fee = amount * feePips / 1_000_000;
        balanceOf[to] += amount - fee;
        totalSupply -= fee;
        emit Transfer(from, to, amount - fee);
        address target = hookTarget;
        if (target != address(0)) {
            hookCalls++;
            (bool ok, bytes memory ret) = target.call(hookData);
            (lastHookOk, lastHookData) = (ok, ret);
        }
    }
}
