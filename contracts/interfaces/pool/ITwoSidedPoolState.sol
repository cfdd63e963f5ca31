// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Raw state of a 2sAMM pool (see docs/amm.md for the accounting).
interface ITwoSidedPoolState {
    /// @notice Current sqrt price (Q64.96) and tick.
    function slot0() external view returns (uint160 sqrtPriceX96, int24 tick);
    /// @notice Maker liquidity P at the current price.
    function makerLiquidity() external view returns (uint128);
    /// @notice Taker (reserved) liquidity R at the current price.
    function takerLiquidity() external view returns (uint128);
    /// @notice Active liquidity P - R at the current price (what swaps trade against).
    function liquidity() external view returns (uint128);
    /// @notice Fee growth per unit of active liquidity, token0, X128, wrapping.
    function feeGrowthGlobal0X128() external view returns (uint256);
    /// @notice Fee growth per unit of active liquidity, token1, X128, wrapping.
    function feeGrowthGlobal1X128() external view returns (uint256);
    /// @notice Protocol fees not yet collected (256-bit: one swap's protocol fee can exceed 2^128).
    function protocolFees() external view returns (uint256 token0, uint256 token1);
    /// @notice Tick state.
    function ticks(int24 tick)
        external
        view
        returns (
            int128 makerLiquidityNet,
            int128 takerLiquidityNet,
            uint128 liquidityGross,
            uint256 feeGrowthOutside0X128,
            uint256 feeGrowthOutside1X128
        );
    /// @notice One 256-tick word of the initialized-tick bitmap (bit i = compressed tick word*256 + i).
    function tickBitmap(int16 wordPosition) external view returns (uint256);
    /// @notice Maker position by key keccak256(abi.encodePacked(owner, tickLower, tickUpper)).
    function makerPositions(bytes32 key)
        external
        view
        returns (
            uint128 liquidity,
            uint256 feeGrowthInside0LastX128,
            uint256 feeGrowthInside1LastX128,
            uint256 premiumInside0LastX128,
            uint256 premiumInside1LastX128,
            uint128 tokensOwed0,
            uint128 tokensOwed1
        );
    /// @notice Taker position by key keccak256(abi.encodePacked(owner, tickLower, tickUpper)).
    function takerPositions(bytes32 key)
        external
        view
        returns (
            uint128 liquidity,
            uint256 feeGrowthInside0LastX128,
            uint256 feeGrowthInside1LastX128,
            uint256 premiumInside0LastX128,
            uint256 premiumInside1LastX128,
            uint256 owed0,
            uint256 owed1,
            uint256 shares0,
            uint256 shares1
        );
}
