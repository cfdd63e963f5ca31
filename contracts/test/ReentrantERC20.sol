// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title ReentrantERC20
/// @notice A mintable ERC-20 that, once armed, calls an arbitrary target during every transfer and
///         records how that call ended (the transfer itself goes on): a stand-in for a malicious or
///         hook-carrying token in reentrancy tests.
contract ReentrantERC20 {
    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    uint8 public constant decimals = 18;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    address public hookTarget;
    bytes public hookData;
    /// @notice Outcome of the last hook call: whether it succeeded and its return or revert data.
    bool public lastHookOk;
    bytes public lastHookData;

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
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
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        if (allowance[from][msg.sender] != type(uint256).max) allowance[from][msg.sender] -= amount;
        _move(from, to, amount);
        return true;
    }

    function _move(address from, address to, uint256 amount) private {
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
        address target = hookTarget;
        if (target != address(0)) {
            (bool ok, bytes memory ret) = target.call(hookData);
            (lastHookOk, lastHookData) = (ok, ret);
        }
    }
}
