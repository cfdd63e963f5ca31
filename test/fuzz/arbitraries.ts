// Edge-biased fast-check arbitraries for on-chain integer types. A plain fc.bigInt over a
// 256-bit range almost never yields a small value or a boundary, so every arbitrary here mixes:
// the type's bounds and their neighbours, zero and one, powers of two and their neighbours,
// values of a random bit length (log-uniform), and uniform values.
import fc from "fast-check";
import * as ModelTickMath from "../../bindings/model/TickMath.js";

export const MAX256 = (1n << 256n) - 1n;
export const MAX160 = (1n << 160n) - 1n;
export const MAX128 = (1n << 128n) - 1n;
export const MIN_INT128 = -(1n << 127n);
export const MAX_INT128 = (1n << 127n) - 1n;
export const MIN_INT256 = -(1n << 255n);
export const MAX_INT256 = (1n << 255n) - 1n;
export const MIN_TICK = -887272;
export const MAX_TICK = 887272;
export const MIN_SQRT = 4295128739n;
export const MAX_SQRT = 1461446703485210103287273052203988822378723970342n;
export const Q96 = 1n << 96n;

/** Values near the ends of [min, max] and near every power of two inside it. */
export function edgeValues(min: bigint, max: bigint, extra: bigint[] = []): bigint[] {
  const out = new Set<bigint>([min, min + 1n, max - 1n, max, 0n, 1n, -1n, 2n, ...extra]);
  for (let k = 1n; k <= 256n; k++) {
    const p = 1n << k;
    for (const v of [p - 1n, p, p + 1n, -p, -p + 1n, -p - 1n]) out.add(v);
  }
  return [...out].filter((v) => v >= min && v <= max).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A value of a random bit length in [0, maxBits], sign as allowed by [min, max], clamped. */
function logUniform(min: bigint, max: bigint): fc.Arbitrary<bigint> {
  const bits = Math.max(bitLength(max), bitLength(-min));
  return fc.integer({ min: 0, max: bits }).chain((b) => {
    const hi = b === 0 ? 0n : (1n << BigInt(b)) - 1n;
    const lo = b === 0 ? 0n : 1n << BigInt(b - 1);
    const neg = min < 0n;
    return fc.tuple(fc.bigInt(lo, hi), neg ? fc.boolean() : fc.constant(false)).map(([v, s]) => {
      const x = s ? -v : v;
      return x < min ? min : x > max ? max : x;
    });
  });
}

function bitLength(x: bigint): number {
  return x <= 0n ? 0 : x.toString(2).length;
}

const cache = new Map<string, fc.Arbitrary<bigint>>();

/** Integer in [min, max], edge-biased: 1/4 edges, 3/8 log-uniform, 3/8 uniform. */
export function edgeBigInt(min: bigint, max: bigint, extra: bigint[] = []): fc.Arbitrary<bigint> {
  // Built once per range: the edge table is large and arbitraries are rebuilt inside chain().
  const key = `${min}:${max}:${extra.join(",")}`;
  let arb = cache.get(key);
  if (!arb) cache.set(key, (arb = build(min, max, extra)));
  return arb;
}

function build(min: bigint, max: bigint, extra: bigint[]): fc.Arbitrary<bigint> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...edgeValues(min, max, extra)), weight: 2 },
    { arbitrary: logUniform(min, max), weight: 3 },
    { arbitrary: fc.bigInt(min, max), weight: 3 },
  );
}

export const uint256 = () => edgeBigInt(0n, MAX256);
export const uint160 = () => edgeBigInt(0n, MAX160);
export const uint128 = () => edgeBigInt(0n, MAX128);
export const int128 = () => edgeBigInt(MIN_INT128, MAX_INT128);
export const int256 = () => edgeBigInt(MIN_INT256, MAX_INT256);

/** A tick in [MIN_TICK - 2, MAX_TICK + 2] (edges and just outside), or anywhere an int24 can be. */
export function tick(): fc.Arbitrary<number> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(MIN_TICK, MIN_TICK + 1, MIN_TICK - 1, MAX_TICK, MAX_TICK - 1, MAX_TICK + 1, 0, 1, -1, -8388608, 8388607), weight: 2 },
    { arbitrary: fc.integer({ min: MIN_TICK, max: MAX_TICK }), weight: 6 },
    { arbitrary: fc.integer({ min: -1000, max: 1000 }), weight: 1 },
    { arbitrary: fc.integer({ min: -8388608, max: 8388607 }), weight: 1 },
  );
}

/** A tick inside the valid range only. */
export function validTick(): fc.Arbitrary<number> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(MIN_TICK, MIN_TICK + 1, MAX_TICK, MAX_TICK - 1, 0, 1, -1), weight: 1 },
    { arbitrary: fc.integer({ min: MIN_TICK, max: MAX_TICK }), weight: 6 },
    { arbitrary: fc.integer({ min: -2000, max: 2000 }), weight: 2 },
  );
}

/**
 * A sqrt price, mostly inside [MIN_SQRT, MAX_SQRT): the bounds and their neighbours, exact tick
 * prices and one off them (the boundaries of getTickAtSqrtRatio), log-uniform and uniform values;
 * sometimes any uint160 (including 0 and values above the range).
 */
export function sqrtPrice(opts: { valid?: boolean } = {}): fc.Arbitrary<bigint> {
  const atTick = fc.tuple(validTick(), fc.constantFrom(-1n, 0n, 0n, 1n)).map(([t, d]) => {
    const p = ModelTickMath.getSqrtRatioAtTick(t) + d;
    return p < MIN_SQRT ? MIN_SQRT : p >= MAX_SQRT ? MAX_SQRT - 1n : p;
  });
  const inside = fc.oneof(
    { arbitrary: fc.constantFrom(MIN_SQRT, MIN_SQRT + 1n, MAX_SQRT - 1n, MAX_SQRT - 2n, Q96, Q96 - 1n, Q96 + 1n), weight: 1 },
    { arbitrary: atTick, weight: 4 },
    { arbitrary: edgeBigInt(MIN_SQRT, MAX_SQRT - 1n), weight: 3 },
  );
  if (opts.valid) return inside;
  return fc.oneof(
    { arbitrary: inside, weight: 8 },
    { arbitrary: fc.constantFrom(0n, 1n, MIN_SQRT - 1n, MAX_SQRT, MAX_SQRT + 1n, MAX160), weight: 1 },
    { arbitrary: uint160(), weight: 1 },
  );
}

/** Liquidity: realistic magnitudes (1e6..1e24) as well as the uint128 edges. */
export function liquidity(): fc.Arbitrary<bigint> {
  return fc.oneof(
    { arbitrary: uint128(), weight: 3 },
    { arbitrary: fc.bigInt(1n, 10n ** 24n), weight: 2 },
    { arbitrary: fc.constantFrom(0n, 1n, 10n ** 18n, MAX128, MAX_INT128), weight: 1 },
  );
}

/** A fee in pips in [0, 1_000_000] (the range the Wasm binding accepts), biased to tiers and ends. */
export function feePips(): fc.Arbitrary<number> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(0, 1, 100, 500, 3000, 10_000, 999_999, 1_000_000), weight: 1 },
    { arbitrary: fc.integer({ min: 0, max: 1_000_000 }), weight: 2 },
  );
}

/** A uint24 fee parameter: mostly below 1e6 (valid), sometimes at or above it. */
export function feeParam(): fc.Arbitrary<number> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(0, 1, 100, 5000, 50_000, 999_998, 999_999, 1_000_000, 16_777_215), weight: 1 },
    { arbitrary: fc.integer({ min: 0, max: 999_999 }), weight: 4 },
    { arbitrary: fc.integer({ min: 0, max: 16_777_215 }), weight: 1 },
  );
}
