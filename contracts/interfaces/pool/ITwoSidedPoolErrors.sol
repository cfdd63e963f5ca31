// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Errors of the 2sAMM pool and factory (names shared with the Wasm engine where it has them,
///        see docs/errors.md). Math errors come from the libraries (TickMath.InvalidTick, ...).
interface ITwoSidedPoolErrors {
    /// @notice Thrown when the price limit is on the wrong side of the current price or outside the valid range.
    error InvalidPriceLimit();
    /// @notice Thrown when a swap's amountSpecified is zero.
    error AmountSpecifiedZero();
    /// @notice Thrown when tickLower >= tickUpper, a bound is outside [MIN_TICK, MAX_TICK] or not spaced.
    error InvalidTickRange();
    /// @notice Thrown when a reservation would push taker liquidity above takerCap x maker liquidity somewhere in its range.
    error TakerCapExceeded();
    /// @notice Thrown when tickSpacing < 1 or > 16384.
    error InvalidTickSpacing();
    /// @notice Thrown when protocolFeePips > 1_000_000.
    error InvalidProtocolFee();
    /// @notice Thrown when takerCapPips > 1_000_000.
    error InvalidTakerCap();
    /// @notice Thrown when a burn would leave taker liquidity above maker liquidity somewhere in its range.
    error LiquidityReserved();
    /// @notice Thrown when initialize is called twice.
    error AlreadyInitialized();
    /// @notice Thrown when the pool is used before initialize.
    error NotInitialized();
    /// @notice Thrown when a callback paid less than owed (token: the token short).
    error InsufficientPayment(address token);
    /// @notice Thrown when a caller not allowed by governance tries to take liquidity.
    error NotTaker();
    /// @notice Thrown when a caller other than the factory owner calls a governance function.
    error NotFactoryOwner();
    /// @notice Thrown when the oracle is asked for a time before its oldest observation (observe).
    error ObservationTooOld();
    /// @notice Thrown when a pool with the same tokens and configuration exists.
    error PoolExists();
    /// @notice Thrown when the two tokens are the same or one is the zero address.
    error InvalidTokens();
}
