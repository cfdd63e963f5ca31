// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title ReentrancyGuard
/// @notice A lock in transient storage (EIP-1153): cheap, and cleared at the end of the
///         transaction even if a call reverts half way.
abstract contract ReentrancyGuard {
    /// @notice Thrown when a guarded function is re-entered.
    error Reentrancy();

    // keccak256("itos.reentrancy.lock") - 1, so it cannot collide with a derived slot.
    uint256 private constant LOCK_SLOT = 0x9f04341f64d1882985319f420c5d14832915cf9afb0812a8c13cdcf0ebaf945b;

    /// @dev The lock and unlock are functions, not inlined modifier code: every guarded function shares one
    ///      copy (the pool and the PM sit close to the contract size limit).
    modifier nonReentrant() {
        _enter();
        _;
        _exit();
    }

    function _enter() private {
        uint256 locked;
        assembly ("memory-safe") {
            locked := tload(LOCK_SLOT)
        }
        if (locked != 0) revert Reentrancy();
        assembly ("memory-safe") {
            tstore(LOCK_SLOT, 1)
        }
    }

    function _exit() private {
        assembly ("memory-safe") {
            tstore(LOCK_SLOT, 0)
        }
    }

    /// @dev True while a guarded function is executing (for view functions that must not be
    ///      read mid-update, e.g. by a reentrant caller).
    function _reentrancyLocked() internal view returns (bool locked) {
        assembly ("memory-safe") {
            locked := tload(LOCK_SLOT)
        }
    }
}
