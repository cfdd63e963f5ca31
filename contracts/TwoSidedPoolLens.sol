// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITwoSidedPool} from "./interfaces/ITwoSidedPool.sol";
import {IMoneyMarket} from "./interfaces/IMoneyMarket.sol";
import {FullMath} from "./libraries/FullMath.sol";
import {TickMath} from "./libraries/TickMath.sol";
import {LiquidityAmounts} from "./libraries/LiquidityAmounts.sol";
import {Position} from "./libraries/Position.sol";

/// @title TwoSidedPoolLens
/// @notice Read-only helpers over a TwoSidedPool, kept out of the pool to keep it under the contract size limit:
///         the whole state in one call (for Pool.fromChain), all initialized ticks of a word range, and the value
///         of maker and taker positions at the current price (for producers and the Portfolio Manager).
contract TwoSidedPoolLens {
    uint256 internal constant Q128 = 0x100000000000000000000000000000000;

    /// @notice Everything but the ticks.
    struct Snapshot {
        uint160 sqrtPriceX96;
        int24 tick;
        uint128 makerLiquidity;
        uint128 takerLiquidity;
        uint128 liquidity;
        uint256 feeGrowthGlobal0X128;
        uint256 feeGrowthGlobal1X128;
        uint256 protocolFees0;
        uint256 protocolFees1;
        int24 tickSpacing;
        uint24 minFeePips;
        uint24 midFeePips;
        uint24 maxFeePips;
        uint24 protocolFeePips;
        uint24 takerCapPips;
        uint24 currentFeePips;
        address token0;
        address token1;
        address moneyMarket;
    }

    /// @notice An initialized tick and its state.
    struct TickView {
        int24 tick;
        int128 makerLiquidityNet;
        int128 takerLiquidityNet;
        uint128 liquidityGross;
        uint256 feeGrowthOutside0X128;
        uint256 feeGrowthOutside1X128;
    }

    /// @notice Value of a maker position at the current price.
    struct MakerValue {
        uint128 liquidity;
        // tokens a burn of all the liquidity would release now (rounded down)
        uint256 amount0;
        uint256 amount1;
        // collectable now plus fees and premiums accrued since the last update (rounded down)
        uint256 owed0;
        uint256 owed1;
    }

    /// @notice Value of a taker position at the current price.
    struct TakerValue {
        uint128 liquidity;
        // tokens lent for the taker, with interest
        uint256 lent0;
        uint256 lent1;
        // tokens needed to put the liquidity back on the curve now (rounded up)
        uint256 returnAmount0;
        uint256 returnAmount1;
        // fees and premiums owed, including those accrued since the last update (rounded up)
        uint256 debt0;
        uint256 debt1;
    }

    /// @notice Pool state in one call.
    function snapshot(ITwoSidedPool pool) external view returns (Snapshot memory s) {
        (s.sqrtPriceX96, s.tick) = pool.slot0();
        (s.makerLiquidity, s.takerLiquidity) = (pool.makerLiquidity(), pool.takerLiquidity());
        s.liquidity = s.makerLiquidity - s.takerLiquidity;
        (s.feeGrowthGlobal0X128, s.feeGrowthGlobal1X128) = (pool.feeGrowthGlobal0X128(), pool.feeGrowthGlobal1X128());
        // Kept 128-bit in the snapshot (its readers' layout); above that the read fails rather than truncates.
        (s.protocolFees0, s.protocolFees1) = pool.protocolFees();
        s.tickSpacing = pool.tickSpacing();
        (s.minFeePips, s.midFeePips, s.maxFeePips) = pool.feeParams();
        (s.protocolFeePips, s.takerCapPips) = (pool.protocolFeePips(), pool.takerCapPips());
        s.currentFeePips = pool.currentFeePips();
        (s.token0, s.token1, s.moneyMarket) = (pool.token0(), pool.token1(), pool.moneyMarket());
    }

    /// @notice All initialized ticks in bitmap words [wordLower, wordUpper], in increasing order.
    function getTicks(ITwoSidedPool pool, int16 wordLower, int16 wordUpper) external view returns (TickView[] memory out) {
        int256 spacing = pool.tickSpacing();
        uint256 nWords = uint256(int256(wordUpper) - int256(wordLower) + 1);
        uint256[] memory words = new uint256[](nWords);
        uint256 n;
        for (uint256 j; j < nWords; ++j) {
            uint256 bits = pool.tickBitmap(int16(int256(wordLower) + int256(j)));
            words[j] = bits;
            while (bits != 0) {
                bits &= bits - 1;
                ++n;
            }
        }
        out = new TickView[](n);
        uint256 i;
        for (uint256 j; j < nWords; ++j) {
            uint256 bits = words[j];
            for (uint256 b; bits != 0; ++b) {
                if (bits & 1 != 0) {
                    TickView memory v = out[i++];
                    v.tick = int24(((int256(wordLower) + int256(j)) * 256 + int256(b)) * spacing);
                    (v.makerLiquidityNet, v.takerLiquidityNet, v.liquidityGross, v.feeGrowthOutside0X128, v.feeGrowthOutside1X128) =
                        pool.ticks(v.tick);
                }
                bits >>= 1;
            }
        }
    }

    /// @notice Value of owner's maker position [tickLower, tickUpper) at the pool's current price.
    function makerValue(ITwoSidedPool pool, address owner, int24 tickLower, int24 tickUpper)
        external
        view
        returns (MakerValue memory)
    {
        (uint160 sqrtP,) = pool.slot0();
        return makerValueAt(pool, owner, tickLower, tickUpper, sqrtP);
    }

    /// @notice Value of owner's maker position with its token amounts at sqrt price `sqrtPriceX96` (the fees and
    ///         premiums owed are the pool's, accrued to now: they do not depend on the price asked).
    function makerValueAt(ITwoSidedPool pool, address owner, int24 tickLower, int24 tickUpper, uint160 sqrtPriceX96)
        public
        view
        returns (MakerValue memory v)
    {
        uint256[4] memory last;
        uint128 owed0;
        uint128 owed1;
        (v.liquidity, last[0], last[1], last[2], last[3], owed0, owed1) =
            pool.makerPositions(Position.key(owner, tickLower, tickUpper));
        (v.owed0, v.owed1) = (owed0, owed1);
        if (v.liquidity == 0) return v;
        (v.amount0, v.amount1) = amountsAt(sqrtPriceX96, tickLower, tickUpper, v.liquidity, false);
        (uint256 f0, uint256 f1) = feeGrowthInside(pool, tickLower, tickUpper);
        (uint256 p0, uint256 p1,,) = pool.premiumGrowthInside(tickLower, tickUpper);
        unchecked {
            v.owed0 += FullMath.mulDiv(f0 - last[0], v.liquidity, Q128) + FullMath.mulDiv(p0 - last[2], v.liquidity, Q128);
            v.owed1 += FullMath.mulDiv(f1 - last[1], v.liquidity, Q128) + FullMath.mulDiv(p1 - last[3], v.liquidity, Q128);
        }
    }

    /// @notice Value of owner's taker position [tickLower, tickUpper) at the pool's current price.
    function takerValue(ITwoSidedPool pool, address owner, int24 tickLower, int24 tickUpper)
        external
        view
        returns (TakerValue memory)
    {
        (uint160 sqrtP,) = pool.slot0();
        return takerValueAt(pool, owner, tickLower, tickUpper, sqrtP);
    }

    /// @notice Value of owner's taker position with its return amounts at sqrt price `sqrtPriceX96` (lent tokens,
    ///         fees and premiums owed are accrued to now and do not depend on the price asked).
    function takerValueAt(ITwoSidedPool pool, address owner, int24 tickLower, int24 tickUpper, uint160 sqrtPriceX96)
        public
        view
        returns (TakerValue memory v)
    {
        Position.Taker memory pos = abi.decode(
            _call(address(pool), abi.encodeCall(pool.takerPositions, (Position.key(owner, tickLower, tickUpper)))),
            (Position.Taker)
        );
        uint256[4] memory last =
            [pos.feeGrowthInside0LastX128, pos.feeGrowthInside1LastX128, pos.premiumInside0LastX128, pos.premiumInside1LastX128];
        (v.liquidity, v.debt0, v.debt1, v.lent0, v.lent1) = (pos.liquidity, pos.owed0, pos.owed1, pos.shares0, pos.shares1);
        address mm = pool.moneyMarket();
        if (mm != address(0)) {
            if (v.lent0 != 0) v.lent0 = IMoneyMarket(mm).sharesToAmount(pool.token0(), v.lent0);
            if (v.lent1 != 0) v.lent1 = IMoneyMarket(mm).sharesToAmount(pool.token1(), v.lent1);
        }
        if (v.liquidity == 0) return v;
        (v.returnAmount0, v.returnAmount1) = amountsAt(sqrtPriceX96, tickLower, tickUpper, v.liquidity, true);
        (uint256 f0, uint256 f1) = feeGrowthInside(pool, tickLower, tickUpper);
        (,, uint256 p0, uint256 p1) = pool.premiumGrowthInside(tickLower, tickUpper);
        unchecked {
            v.debt0 += FullMath.mulDivRoundingUp(f0 - last[0], v.liquidity, Q128)
                + FullMath.mulDivRoundingUp(p0 - last[2], v.liquidity, Q128);
            v.debt1 += FullMath.mulDivRoundingUp(f1 - last[1], v.liquidity, Q128)
                + FullMath.mulDivRoundingUp(p1 - last[3], v.liquidity, Q128);
        }
    }

    /// @notice Fee growth per unit of liquidity inside [tickLower, tickUpper) (both ticks initialized), X128.
    function feeGrowthInside(ITwoSidedPool pool, int24 tickLower, int24 tickUpper)
        public
        view
        returns (uint256 inside0, uint256 inside1)
    {
        (, int24 tick) = pool.slot0();
        uint256 g0 = pool.feeGrowthGlobal0X128();
        uint256 g1 = pool.feeGrowthGlobal1X128();
        (,,, uint256 lo0, uint256 lo1) = pool.ticks(tickLower);
        (,,, uint256 hi0, uint256 hi1) = pool.ticks(tickUpper);
        unchecked {
            (uint256 below0, uint256 below1) = tick >= tickLower ? (lo0, lo1) : (g0 - lo0, g1 - lo1);
            (uint256 above0, uint256 above1) = tick < tickUpper ? (hi0, hi1) : (g0 - hi0, g1 - hi1);
            (inside0, inside1) = (g0 - below0 - above0, g1 - below1 - above1);
        }
    }

    function _call(address target, bytes memory data) internal view returns (bytes memory ret) {
        bool ok;
        (ok, ret) = target.staticcall(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 32), mload(ret))
            }
        }
    }

    /// @notice Token amounts of `liquidity` over [tickLower, tickUpper) at sqrt price `sqrtX`
    ///         (LiquidityAmounts.getAmountsForTicks, whose library comment shows why this equals the pool's choice).
    function amountsAt(uint160 sqrtX, int24 tickLower, int24 tickUpper, uint128 liquidity, bool roundUp)
        public
        pure
        returns (uint256 amount0, uint256 amount1)
    {
        return LiquidityAmounts.getAmountsForTicks(sqrtX, tickLower, tickUpper, liquidity, roundUp);
    }
}
