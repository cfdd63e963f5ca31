/**
 * Records of external positions the Portfolio Manager accepts through integrators, computed off-chain
 * with the Wasm math core, equal to the wei to the integrators' on-chain `record(...)`.
 * Twin of contracts/libraries/UniswapV3PositionValue.sol (same names, same steps, same rounding).
 * @module
 */
import * as FullMath from "./FullMath.js";
import * as SqrtPriceMath from "./SqrtPriceMath.js";
import * as TickMath from "./TickMath.js";
import { aBigint, aInt, MAX_UINT128, MAX_UINT256 } from "./convert.js";
import { InvalidArgumentTypeError } from "./errors.js";

const Q96 = 1n << 96n;
const Q128 = 1n << 128n;
const wrap = (v: bigint) => BigInt.asUintN(256, v); // Uniswap's fee growth arithmetic is modular

/** The Uniswap V3 pool's state the valuation reads: slot0, global fee growth and the range's two ticks. */
export interface UniswapV3PoolState {
  sqrtPriceX96: bigint;
  tick: number;
  feeGrowthGlobal0X128: bigint;
  feeGrowthGlobal1X128: bigint;
  /** `pool.ticks(tickLower)` fee growth outside */
  lower: { feeGrowthOutside0X128: bigint; feeGrowthOutside1X128: bigint };
  /** `pool.ticks(tickUpper)` fee growth outside */
  upper: { feeGrowthOutside0X128: bigint; feeGrowthOutside1X128: bigint };
}

/** The position as `NonfungiblePositionManager.positions(tokenId)` returns it (the fields used). */
export interface UniswapV3PositionState {
  token0: string;
  token1: string;
  tickLower: number;
  tickUpper: number;
  liquidity: bigint;
  feeGrowthInside0LastX128: bigint;
  feeGrowthInside1LastX128: bigint;
  tokensOwed0: bigint;
  tokensOwed1: bigint;
}

/** A Record as the Portfolio Manager's `records(...)` returns it (and `Solvency.check` takes it). */
export interface IntegratorRecord {
  tokens: string[];
  credit: bigint[];
  debt: bigint[];
  delta: bigint[];
}

/** Fee growth inside [tickLower, tickUpper) as Uniswap's pool computes it (modulo 2^256). */
export function feeGrowthInside(s: UniswapV3PoolState, tickLower: number, tickUpper: number): [bigint, bigint] {
  const [below0, below1] = s.tick >= tickLower
    ? [s.lower.feeGrowthOutside0X128, s.lower.feeGrowthOutside1X128]
    : [wrap(s.feeGrowthGlobal0X128 - s.lower.feeGrowthOutside0X128), wrap(s.feeGrowthGlobal1X128 - s.lower.feeGrowthOutside1X128)];
  const [above0, above1] = s.tick < tickUpper
    ? [s.upper.feeGrowthOutside0X128, s.upper.feeGrowthOutside1X128]
    : [wrap(s.feeGrowthGlobal0X128 - s.upper.feeGrowthOutside0X128), wrap(s.feeGrowthGlobal1X128 - s.upper.feeGrowthOutside1X128)];
  return [wrap(s.feeGrowthGlobal0X128 - below0 - above0), wrap(s.feeGrowthGlobal1X128 - below1 - above1)];
}

/** Uncollected fees: tokensOwed + floor((inside - last) * liquidity / 2^128), as the position manager computes them. */
export function feesOwed(s: UniswapV3PoolState, p: UniswapV3PositionState): [bigint, bigint] {
  const [inside0, inside1] = feeGrowthInside(s, p.tickLower, p.tickUpper);
  return [
    p.tokensOwed0 + FullMath.mulDiv(wrap(inside0 - p.feeGrowthInside0LastX128), p.liquidity, Q128),
    p.tokensOwed1 + FullMath.mulDiv(wrap(inside1 - p.feeGrowthInside1LastX128), p.liquidity, Q128),
  ];
}

/** Token amounts of `liquidity` over [sqrtLower, sqrtUpper) at `sqrtX`, rounded down. */
export function amountsAt(sqrtX: bigint, sqrtLower: bigint, sqrtUpper: bigint, liquidity: bigint): [bigint, bigint] {
  if (sqrtX < sqrtLower) return [SqrtPriceMath.getAmount0Delta(sqrtLower, sqrtUpper, liquidity, false), 0n];
  if (sqrtX < sqrtUpper) {
    return [SqrtPriceMath.getAmount0Delta(sqrtX, sqrtUpper, liquidity, false), SqrtPriceMath.getAmount1Delta(sqrtLower, sqrtX, liquidity, false)];
  }
  return [0n, SqrtPriceMath.getAmount1Delta(sqrtLower, sqrtUpper, liquidity, false)];
}

/** The sqrt prices `moveTicks` above and below, rounded down and clamped to [MIN_SQRT_RATIO, MAX_SQRT_RATIO]. */
export function movedSqrtPrices(sqrtPriceX96: bigint, moveTicks: number): [bigint, bigint] {
  const up = FullMath.mulDiv(sqrtPriceX96, TickMath.getSqrtRatioAtTick(moveTicks), Q96);
  const down = FullMath.mulDiv(sqrtPriceX96, TickMath.getSqrtRatioAtTick(-moveTicks), Q96);
  return [up > TickMath.MAX_SQRT_RATIO ? TickMath.MAX_SQRT_RATIO : up, down < TickMath.MIN_SQRT_RATIO ? TickMath.MIN_SQRT_RATIO : down];
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** Price up to `sqrtUp`: the loss in token1 of selling token0 on the way, against holding it. */
export function lossUp(sqrtUp: bigint, sqrtLower: bigint, sqrtUpper: bigint, liquidity: bigint, amount0: bigint, amount1: bigint): bigint {
  const [up0, up1] = amountsAt(sqrtUp, sqrtLower, sqrtUpper, liquidity);
  const sold0 = min(amount0 - up0, MAX_UINT128);
  const sold0In1 = FullMath.mulDivRoundingUp(FullMath.mulDivRoundingUp(sold0, sqrtUp, Q96), sqrtUp, Q96);
  const got1 = up1 - amount1;
  return sold0In1 > got1 ? min(sold0In1 - got1, MAX_UINT128) : 0n;
}

/** Price down to `sqrtDown`: the loss in token0 of selling token1 on the way, against holding it. */
export function lossDown(sqrtDown: bigint, sqrtLower: bigint, sqrtUpper: bigint, liquidity: bigint, amount0: bigint, amount1: bigint): bigint {
  const [down0, down1] = amountsAt(sqrtDown, sqrtLower, sqrtUpper, liquidity);
  const sold1 = min(amount1 - down1, MAX_UINT128);
  const sold1In0 = FullMath.mulDivRoundingUp(FullMath.mulDivRoundingUp(sold1, Q96, sqrtDown), Q96, sqrtDown);
  const got0 = down0 - amount0;
  return sold1In0 > got0 ? min(sold1In0 - got0, MAX_UINT128) : 0n;
}

/** The delta pair [token0, token1] for a price move of `moveTicks` either way (both reported: conservative). */
export function gammaDelta(sqrtPriceX96: bigint, sqrtLower: bigint, sqrtUpper: bigint, liquidity: bigint, amount0: bigint, amount1: bigint, moveTicks: number): [bigint, bigint] {
  const [sqrtUp, sqrtDown] = movedSqrtPrices(sqrtPriceX96, moveTicks);
  return [lossDown(sqrtDown, sqrtLower, sqrtUpper, liquidity, amount0, amount1), lossUp(sqrtUp, sqrtLower, sqrtUpper, liquidity, amount0, amount1)];
}

/**
 * The Record `UniswapV3PositionIntegrator.record(assetId)` reports for a Uniswap V3 position, from the
 * pool's state and the position manager's position: credit = amounts at the current price (rounded
 * down) + uncollected fees (capped at 2^128 - 1), debt = 0, delta = the loss against holding for a `moveTicks` price move.
 * @throws InvalidTickError for a bad tick; InvalidArgumentTypeError / ValueOutOfRangeError for bad input.
 * @example
 * const rec = uniswapV3PositionRecord(poolState, position, 1000);
 * Solvency.check([rec], tokens, prices, { tailRecordUsdDebt: 0n });
 */
export function uniswapV3PositionRecord(pool: UniswapV3PoolState, position: UniswapV3PositionState, moveTicks: number): IntegratorRecord {
  const fn = "uniswapV3PositionRecord";
  if (typeof pool !== "object" || pool === null || typeof position !== "object" || position === null) {
    throw new InvalidArgumentTypeError(`${fn}: pool and position must be objects`);
  }
  aBigint(pool.sqrtPriceX96, TickMath.MIN_SQRT_RATIO, TickMath.MAX_SQRT_RATIO - 1n, "pool.sqrtPriceX96", fn);
  aInt(pool.tick, TickMath.MIN_TICK, TickMath.MAX_TICK, "pool.tick", fn);
  for (const k of ["feeGrowthGlobal0X128", "feeGrowthGlobal1X128"] as const) aBigint(pool[k], 0n, MAX_UINT256, `pool.${k}`, fn);
  for (const side of ["lower", "upper"] as const) {
    if (typeof pool[side] !== "object" || pool[side] === null) throw new InvalidArgumentTypeError(`${fn}: pool.${side} must be an object`);
    aBigint(pool[side].feeGrowthOutside0X128, 0n, MAX_UINT256, `pool.${side}.feeGrowthOutside0X128`, fn);
    aBigint(pool[side].feeGrowthOutside1X128, 0n, MAX_UINT256, `pool.${side}.feeGrowthOutside1X128`, fn);
  }
  aInt(position.tickLower, TickMath.MIN_TICK, TickMath.MAX_TICK, "position.tickLower", fn);
  aInt(position.tickUpper, TickMath.MIN_TICK, TickMath.MAX_TICK, "position.tickUpper", fn);
  aBigint(position.liquidity, 0n, MAX_UINT128, "position.liquidity", fn);
  aBigint(position.feeGrowthInside0LastX128, 0n, MAX_UINT256, "position.feeGrowthInside0LastX128", fn);
  aBigint(position.feeGrowthInside1LastX128, 0n, MAX_UINT256, "position.feeGrowthInside1LastX128", fn);
  aBigint(position.tokensOwed0, 0n, MAX_UINT128, "position.tokensOwed0", fn);
  aBigint(position.tokensOwed1, 0n, MAX_UINT128, "position.tokensOwed1", fn);
  aInt(moveTicks, 0, TickMath.MAX_TICK, "moveTicks", fn);

  return recordAt(pool, position, moveTicks, pool.sqrtPriceX96);
}

/**
 * The Record of a Uniswap V3 position with its token amounts and delta at sqrt price `sqrtPriceX96`
 * (`UniswapV3PositionIntegrator.referenceRecord` passes the pool's reference price); the fees owed are the
 * pool's, from its state `pool`. Twin of UniswapV3PositionValue.recordAt.
 * @throws as uniswapV3PositionRecord, and ValueOutOfRangeError for a price outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO).
 */
export function uniswapV3PositionRecordAt(pool: UniswapV3PoolState, position: UniswapV3PositionState, moveTicks: number, sqrtPriceX96: bigint): IntegratorRecord {
  uniswapV3PositionRecord(pool, position, moveTicks); // validates the inputs
  aBigint(sqrtPriceX96, TickMath.MIN_SQRT_RATIO, TickMath.MAX_SQRT_RATIO - 1n, "sqrtPriceX96", "uniswapV3PositionRecordAt");
  return recordAt(pool, position, moveTicks, sqrtPriceX96);
}

/** UniswapV3PositionValue.recordAt on validated inputs. */
function recordAt(pool: UniswapV3PoolState, position: UniswapV3PositionState, moveTicks: number, sqrtPriceX96: bigint): IntegratorRecord {
  const sqrtLower = TickMath.getSqrtRatioAtTick(position.tickLower);
  const sqrtUpper = TickMath.getSqrtRatioAtTick(position.tickUpper);
  const [amount0, amount1] = amountsAt(sqrtPriceX96, sqrtLower, sqrtUpper, position.liquidity);
  const [fees0, fees1] = feesOwed(pool, position);
  const [delta0, delta1] = gammaDelta(sqrtPriceX96, sqrtLower, sqrtUpper, position.liquidity, amount0, amount1, moveTicks);
  // Credits capped at 2^128 - 1 like the deltas (the Record stays valid; a cap only undervalues).
  return { tokens: [position.token0, position.token1], credit: [min(amount0 + fees0, MAX_UINT128), min(amount1 + fees1, MAX_UINT128)], debt: [0n, 0n], delta: [delta0, delta1] };
}

/**
 * Reads a Uniswap V3 position and its pool through an ethers provider and returns its Record.
 * `positionManager` and `pool` are ethers Contracts (or objects with the same view methods).
 */
export async function uniswapV3PositionRecordFromChain(positionManager: any, pool: any, tokenId: bigint, moveTicks: number): Promise<IntegratorRecord> {
  const p = await positionManager.positions(tokenId);
  const [slot0, g0, g1, lo, hi] = await Promise.all([pool.slot0(), pool.feeGrowthGlobal0X128(), pool.feeGrowthGlobal1X128(), pool.ticks(p.tickLower), pool.ticks(p.tickUpper)]);
  return uniswapV3PositionRecord(
    {
      sqrtPriceX96: slot0.sqrtPriceX96,
      tick: Number(slot0.tick),
      feeGrowthGlobal0X128: g0,
      feeGrowthGlobal1X128: g1,
      lower: { feeGrowthOutside0X128: lo.feeGrowthOutside0X128, feeGrowthOutside1X128: lo.feeGrowthOutside1X128 },
      upper: { feeGrowthOutside0X128: hi.feeGrowthOutside0X128, feeGrowthOutside1X128: hi.feeGrowthOutside1X128 },
    },
    {
      token0: p.token0,
      token1: p.token1,
      tickLower: Number(p.tickLower),
      tickUpper: Number(p.tickUpper),
      liquidity: p.liquidity,
      feeGrowthInside0LastX128: p.feeGrowthInside0LastX128,
      feeGrowthInside1LastX128: p.feeGrowthInside1LastX128,
      tokensOwed0: p.tokensOwed0,
      tokensOwed1: p.tokensOwed1,
    },
    moveTicks,
  );
}
