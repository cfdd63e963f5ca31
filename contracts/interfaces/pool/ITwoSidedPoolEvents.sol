// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Events of the 2sAMM pool: one per state change.
interface ITwoSidedPoolEvents {
    /// @notice The pool's first price was set.
    event Initialize(uint160 sqrtPriceX96, int24 tick);

    /// @notice The number of observations the oracle may keep was raised.
    event IncreaseObservationCardinalityNext(uint16 observationCardinalityNextOld, uint16 observationCardinalityNextNew);

    /// @notice Maker liquidity was added to a position.
    event Mint(
        address sender,
        address indexed owner,
        int24 indexed tickLower,
        int24 indexed tickUpper,
        uint128 amount,
        uint256 amount0,
        uint256 amount1
    );

    /// @notice Maker liquidity was removed; the amounts were credited to the position's tokensOwed.
    event Burn(
        address indexed owner, int24 indexed tickLower, int24 indexed tickUpper, uint128 amount, uint256 amount0, uint256 amount1
    );

    /// @notice A maker collected owed tokens (principal, fees, premiums).
    event Collect(
        address indexed owner, address recipient, int24 indexed tickLower, int24 indexed tickUpper, uint128 amount0, uint128 amount1
    );

    /// @notice A swap. amount0/amount1 are the pool's balance deltas.
    event Swap(
        address indexed sender,
        address indexed recipient,
        int256 amount0,
        int256 amount1,
        uint160 sqrtPriceX96,
        uint128 liquidity,
        int24 tick
    );

    /// @notice Taker liquidity was reserved; amount0/amount1 (the tokens underlying it) were lent for the taker.
    event Take(
        address indexed owner,
        int24 indexed tickLower,
        int24 indexed tickUpper,
        uint128 liquidity,
        uint256 amount0,
        uint256 amount1,
        uint256 shares0,
        uint256 shares1
    );

    /// @notice Taker liquidity was returned to the curve and the taker's debts settled.
    /// @param withdrawn0 Lent tokens (with interest) withdrawn for the taker
    /// @param returned0 Tokens needed to put the liquidity back on the curve at the current price
    /// @param debt0 Fees and premiums the taker paid
    event Release(
        address indexed owner,
        address recipient,
        int24 indexed tickLower,
        int24 indexed tickUpper,
        uint128 liquidity,
        uint256 withdrawn0,
        uint256 withdrawn1,
        uint256 returned0,
        uint256 returned1,
        uint256 debt0,
        uint256 debt1
    );

    /// @notice The time-premium indexes advanced to the money market's borrow indexes (docs/amm.md).
    event PremiumIndexes(uint128 index0X64, uint128 index1X64, uint256 borrowIndex0X64, uint256 borrowIndex1X64);

    /// @notice Governance collected protocol fees.
    event CollectProtocol(address indexed sender, address indexed recipient, uint128 amount0, uint128 amount1);
}
