// Pool events applied to the resident Wasm pool (the bindings' public Pool API). Each handler either
// reproduces the chain's change exactly, checked against what the event reports, or says why it could
// not: the caller then re-reads that pool at the block's end (docs/keeper.md, "Pool events").
import type { Pool, SwapParameters } from "../bindings/index.js";
import type { Decoded } from "./events.js";

/** `null`: applied (or the event changes nothing the Wasm pool holds); a string: why a re-read is needed. */
export type PoolApply = string | null;

const neg = (x: bigint) => (x < 0n ? -x : 0n);

/**
 * A Swap carries the pool's deltas and its final price, liquidity and tick, not the call's amount and
 * limit. The swap is replayed from the candidates below; the first whose quote gives exactly the event's
 * amounts, price, tick and liquidity is committed. Equal amounts over the same path of prices mean equal
 * step fees, hence equal fee growth and protocol fees.
 */
function swapCandidates(x: Decoded["args"]): SwapParameters[] {
  const zeroForOne = x.amount0 > 0n || (x.amount0 === 0n && x.amount1 < 0n);
  const amountIn: bigint = zeroForOne ? x.amount0 : x.amount1;
  const amountOut = neg(zeroForOne ? x.amount1 : x.amount0);
  const out: SwapParameters[] = [];
  if (amountIn > 0n) {
    // Exact input stopped by its limit (the event's price) or by its amount (no binding limit).
    out.push({ zeroForOne, amountSpecified: amountIn, sqrtPriceLimitX96: x.sqrtPriceX96 }, { zeroForOne, amountSpecified: amountIn });
  }
  if (amountOut > 0n) {
    // Exact output: the output amount, with the same two limits.
    out.push({ zeroForOne, amountSpecified: -amountOut, sqrtPriceLimitX96: x.sqrtPriceX96 }, { zeroForOne, amountSpecified: -amountOut });
  }
  return out;
}

function applySwap(pool: Pool, x: Decoded["args"]): PoolApply {
  const tick = Number(x.tick);
  const same = (r: { amount0: bigint; amount1: bigint; sqrtPriceX96: bigint; tick: number; liquidity: bigint }) =>
    r.amount0 === x.amount0 && r.amount1 === x.amount1 && r.sqrtPriceX96 === x.sqrtPriceX96 && r.tick === tick && r.liquidity === x.liquidity;
  for (const c of swapCandidates(x)) {
    let q;
    try {
      q = pool.quote(c);
    } catch {
      continue; // e.g. a limit at the current price: not this candidate
    }
    if (!same(q)) continue;
    const r = pool.swap(c);
    return same(r) ? null : "swap replay left another state than its quote";
  }
  return `no replay of Swap(${x.amount0}, ${x.amount1}) reaches price ${x.sqrtPriceX96}, tick ${tick}, liquidity ${x.liquidity}`;
}

/** A liquidity change through the Wasm twin of the pool's call; the amounts must be the event's. */
function modify(f: () => { amount0: bigint; amount1: bigint }, amount0: bigint, amount1: bigint, what: string): PoolApply {
  let r;
  try {
    r = f();
  } catch (e) {
    return `${what} refused by the Wasm pool: ${(e as Error).message}`;
  }
  return r.amount0 === amount0 && r.amount1 === amount1 ? null : `${what} amounts ${r.amount0}/${r.amount1} differ from the event's ${amount0}/${amount1}`;
}

/** Applies one decoded pool log to `pool`. A non-null answer leaves `pool` to be replaced by a re-read. */
export function applyPoolEvent(pool: Pool, d: Decoded): PoolApply {
  const x = d.args;
  const lo = Number(x.tickLower ?? 0n), hi = Number(x.tickUpper ?? 0n);
  switch (d.name) {
    case "Swap":
      return applySwap(pool, x);
    case "Mint":
      return modify(() => pool.mint(lo, hi, x.amount), x.amount0, x.amount1, "Mint");
    case "Burn":
      // A burn of 0 only pokes the caller's position (fees owed): the pool's ticks and liquidity stay.
      return x.amount === 0n ? null : modify(() => pool.burn(lo, hi, x.amount), x.amount0, x.amount1, "Burn");
    case "Take":
      return modify(() => pool.take(lo, hi, x.liquidity), x.amount0, x.amount1, "Take");
    case "Release":
      // A release of 0 settles the taker's debts only; `returned` is what the liquidity costs to put back.
      return x.liquidity === 0n ? null : modify(() => pool.release(lo, hi, x.liquidity), x.returned0, x.returned1, "Release");
    case "CollectProtocol": {
      const s = pool.getState();
      if (s.protocolFees0 < x.amount0 || s.protocolFees1 < x.amount1) return "CollectProtocol above the synced protocol fees";
      pool.setState({ ...s, protocolFees0: s.protocolFees0 - x.amount0, protocolFees1: s.protocolFees1 - x.amount1 });
      return null;
    }
    case "Collect": // tokens owed to a maker position: not pool state
    case "PremiumIndexes": // the time-premium indexes: not held by the Wasm pool
    case "IncreaseObservationCardinalityNext": // the oracle's ring: not held by the Wasm pool
      return null;
    default:
      // Initialize (a pool is followed once it has a price) and any event this keeper does not know.
      return `${d.name} event`;
  }
}
