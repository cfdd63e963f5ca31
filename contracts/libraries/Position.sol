// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {FullMath} from "./FullMath.sol";
import {LiquidityMath} from "./LiquidityMath.sol";

/// @title Position
/// @notice Maker and taker positions of a 2sAMM pool, keyed by (owner, tickLower, tickUpper).
/// @dev Makers earn fee growth and premium growth on their liquidity (credits, rounded down); takers owe the same
///      fee growth and the taker premium growth on their reserved liquidity (debts, rounded up).
library Position {
    /// @notice Thrown when a position with no liquidity is poked or released.
    error PositionNotFound();

    uint256 internal constant Q128 = 0x100000000000000000000000000000000;

    struct Maker {
        uint128 liquidity;
        // fee and premium growth inside the range at the last update, X128
        uint256 feeGrowthInside0LastX128;
        uint256 feeGrowthInside1LastX128;
        uint256 premiumInside0LastX128;
        uint256 premiumInside1LastX128;
        // fees, premiums and burned principal the owner may collect
        uint128 tokensOwed0;
        uint128 tokensOwed1;
    }

    struct Taker {
        uint128 liquidity;
        uint256 feeGrowthInside0LastX128;
        uint256 feeGrowthInside1LastX128;
        uint256 premiumInside0LastX128;
        uint256 premiumInside1LastX128;
        // fees and premiums owed to the pool, not yet paid (never wraps: a debt cannot be escaped by overflow)
        uint256 owed0;
        uint256 owed1;
        // money-market lend shares held for the taker (0 when the pool has no money market)
        uint256 shares0;
        uint256 shares1;
    }

    function key(address owner, int24 tickLower, int24 tickUpper) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(owner, tickLower, tickUpper));
    }

    /// @notice Credit a maker position with growth since its last update and apply a liquidity change.
    function updateMaker(
        Maker storage self,
        int128 liquidityDelta,
        uint256 feeGrowthInside0X128,
        uint256 feeGrowthInside1X128,
        uint256 premiumInside0X128,
        uint256 premiumInside1X128
    ) internal {
        uint128 liquidity = self.liquidity;
        if (liquidityDelta == 0 && liquidity == 0) revert PositionNotFound();
        unchecked {
            // Growth deltas wrap by design; owed amounts may wrap too (collect before 2^128), as in Uniswap V3.
            uint128 owed0 = uint128(
                FullMath.mulDiv(feeGrowthInside0X128 - self.feeGrowthInside0LastX128, liquidity, Q128)
                    + FullMath.mulDiv(premiumInside0X128 - self.premiumInside0LastX128, liquidity, Q128)
            );
            uint128 owed1 = uint128(
                FullMath.mulDiv(feeGrowthInside1X128 - self.feeGrowthInside1LastX128, liquidity, Q128)
                    + FullMath.mulDiv(premiumInside1X128 - self.premiumInside1LastX128, liquidity, Q128)
            );
            if (liquidityDelta != 0) self.liquidity = LiquidityMath.addDelta(liquidity, liquidityDelta);
            self.feeGrowthInside0LastX128 = feeGrowthInside0X128;
            self.feeGrowthInside1LastX128 = feeGrowthInside1X128;
            self.premiumInside0LastX128 = premiumInside0X128;
            self.premiumInside1LastX128 = premiumInside1X128;
            if (owed0 != 0 || owed1 != 0) {
                self.tokensOwed0 += owed0;
                self.tokensOwed1 += owed1;
            }
        }
    }

    /// @notice Charge a taker position the growth since its last update and apply a liquidity change.
    function updateTaker(
        Taker storage self,
        int128 liquidityDelta,
        uint256 feeGrowthInside0X128,
        uint256 feeGrowthInside1X128,
        uint256 premiumInside0X128,
        uint256 premiumInside1X128
    ) internal {
        uint128 liquidity = self.liquidity;
        if (liquidityDelta == 0 && liquidity == 0) revert PositionNotFound();
        uint256 debt0;
        uint256 debt1;
        unchecked {
            debt0 = FullMath.mulDivRoundingUp(feeGrowthInside0X128 - self.feeGrowthInside0LastX128, liquidity, Q128)
                + FullMath.mulDivRoundingUp(premiumInside0X128 - self.premiumInside0LastX128, liquidity, Q128);
            debt1 = FullMath.mulDivRoundingUp(feeGrowthInside1X128 - self.feeGrowthInside1LastX128, liquidity, Q128)
                + FullMath.mulDivRoundingUp(premiumInside1X128 - self.premiumInside1LastX128, liquidity, Q128);
            if (liquidityDelta != 0) self.liquidity = LiquidityMath.addDelta(liquidity, liquidityDelta);
            self.feeGrowthInside0LastX128 = feeGrowthInside0X128;
            self.feeGrowthInside1LastX128 = feeGrowthInside1X128;
            self.premiumInside0LastX128 = premiumInside0X128;
            self.premiumInside1LastX128 = premiumInside1X128;
        }
        if (debt0 != 0 || debt1 != 0) {
            self.owed0 += debt0;
            self.owed1 += debt1;
        }
    }
}
