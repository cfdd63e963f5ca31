// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Owned
/// @notice Single governance role. Two-step transfer so a typo cannot lose the role.
abstract contract Owned {
    /// @notice Thrown when a caller other than the owner calls an owner-only function.
    error NotOwner();
    /// @notice Thrown when a caller other than the pending owner accepts ownership.
    error NotPendingOwner();

    event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);

    address public owner;
    address public pendingOwner;

    constructor(address owner_) {
        owner = owner_;
        emit OwnershipTransferred(address(0), owner_);
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    /// @notice Start handing governance to `newOwner`; it takes effect when they accept.
    function transferOwnership(address newOwner) external onlyOwner {
        pendingOwner = newOwner;
        emit OwnershipTransferStarted(owner, newOwner);
    }

    /// @notice Accept a pending governance transfer.
    function acceptOwnership() external {
        if (msg.sender != pendingOwner) revert NotPendingOwner();
        emit OwnershipTransferred(owner, msg.sender);
        owner = msg.sender;
        pendingOwner = address(0);
    }
}
