// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Permissionless actions of a 2sAMM pool. Positions belong to msg.sender (mint: to `recipient`), so a
///        contract may hold them. Payments use callbacks to msg.sender (see interfaces/callback).
interface ITwoSidedPoolActions {
    /// @notice Set the first price. Callable once, by anyone.
    function initialize(uint160 sqrtPriceX96) external;

    /// @notice Let the oracle keep up to `observationCardinalityNext` observations (anyone; the caller pays for
    ///         preparing the new slots). A no-op at or below the current value.
    function increaseObservationCardinalityNext(uint16 observationCardinalityNext) external;

    /// @notice Add maker liquidity to recipient's position [tickLower, tickUpper). The caller pays in
    ///         ITwoSidedMintCallback.twoSidedMintCallback the amounts returned (rounded up).
    function mint(address recipient, int24 tickLower, int24 tickUpper, uint128 amount, bytes calldata data)
        external
        returns (uint256 amount0, uint256 amount1);

    /// @notice Remove maker liquidity from msg.sender's position; the released tokens (rounded down), fees and
    ///         premiums are credited to the position and withdrawn with collect. amount 0 only updates the credits.
    /// @dev Reverts LiquidityReserved when takers would then hold more than the remaining maker liquidity somewhere in the range.
    function burn(int24 tickLower, int24 tickUpper, uint128 amount) external returns (uint256 amount0, uint256 amount1);

    /// @notice Send up to the requested owed tokens of msg.sender's maker position to recipient.
    function collect(address recipient, int24 tickLower, int24 tickUpper, uint128 amount0Requested, uint128 amount1Requested)
        external
        returns (uint128 amount0, uint128 amount1);

    /// @notice Swap; amountSpecified > 0 exact input, < 0 exact output. The caller pays in
    ///         ITwoSidedSwapCallback.twoSidedSwapCallback. Returns the pool's balance deltas.
    function swap(address recipient, bool zeroForOne, int256 amountSpecified, uint160 sqrtPriceLimitX96, bytes calldata data)
        external
        returns (int256 amount0, int256 amount1);

    /// @notice Reserve `liquidity` over [tickLower, tickUpper) for msg.sender (allowed takers only). The tokens a
    ///         burn of that liquidity would release now are lent in the money market for the taker.
    /// @return amount0 Tokens set aside for the taker (rounded down)
    /// @return amount1 Tokens set aside for the taker (rounded down)
    function take(int24 tickLower, int24 tickUpper, uint128 liquidity) external returns (uint256 amount0, uint256 amount1);

    /// @notice Return `liquidity` of msg.sender's reservation to the curve and settle every debt of the position.
    ///         The lent tokens for that liquidity are withdrawn; the taker owes the tokens to re-add the liquidity at
    ///         the current price (rounded up) plus its fee and premium debts. A surplus is sent to recipient, a
    ///         shortfall is paid in ITwoSidedTakerCallback.twoSidedTakerCallback. liquidity 0 settles debts only.
    /// @return amount0 Net token0 from the taker's point of view: > 0 sent to recipient, < 0 paid by the caller
    /// @return amount1 Likewise for token1
    function release(int24 tickLower, int24 tickUpper, uint128 liquidity, address recipient, bytes calldata data)
        external
        returns (int256 amount0, int256 amount1);

    /// @notice Advance the time-premium indexes to the money market's borrow indexes now (anyone).
    function accruePremiumIndexes() external;
}
