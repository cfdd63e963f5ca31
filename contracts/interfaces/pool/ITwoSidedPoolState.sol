// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title Raw state of a 2sAMM pool (see docs/amm.md for the accounting).
interface ITwoSidedPoolState {
    /// @notice Current sqrt price (Q64.96) and tick.
    function slot0() external view returns (uint160 sqrtPriceX96, int24 tick);
    /// @notice The oracle's ring buffer (Uniswap V3's slot0 fields, kept out of slot0() so its two fields stay as
    ///         readers decode them): slot of the newest observation, observations written, slots it may grow to.
    function oracleState()
        external
        view
        returns (uint16 observationIndex, uint16 observationCardinality, uint16 observationCardinalityNext);
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
    /// @notice The raw storage word at `slot`: state without a getter, read by deployless readers (the premium
    ///         ledger: contracts/readers/PremiumLedgerReader.sol names the slots), kept to one small function for the
    ///         pool's contract size.
    function extsload(bytes32 slot) external view returns (bytes32 value);
    /// @notice One 256-tick word of the initialized-tick bitmap (bit i = compressed tick word*256 + i).
    function tickBitmap(int16 wordPosition) external view returns (uint256);
    /// @notice Oracle observation in slot `index` (< 65535), as Uniswap V3's `observations`. A slot prepared by
    ///         increaseObservationCardinalityNext and not yet written reads (1, 0, 0, false).
    /// @return blockTimestamp When it was written (block.timestamp mod 2^32)
    /// @return tickCumulative Sum of tick x seconds since initialize (wraps)
    /// @return secondsPerLiquidityCumulativeX128 Sum of seconds / max(1, active liquidity) since initialize, X128 (wraps)
    /// @return initialized Whether the slot holds an observation
    function observations(uint256 index)
        external
        view
        returns (uint32 blockTimestamp, int56 tickCumulative, uint160 secondsPerLiquidityCumulativeX128, bool initialized);
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
