// uint256 values in memory (4 little-endian u64 limbs at an address), for the
// swap's state in the IO region. The carry chains run on the limbs in place
// (no round trip through U256's result registers): same values as add256 /
// sub256 mod 2^256.

// @ts-ignore: decorator
@inline export function put256(p: usize, a0: u64, a1: u64, a2: u64, a3: u64): void {
  store<u64>(p, a0);
  store<u64>(p, a1, 8);
  store<u64>(p, a2, 16);
  store<u64>(p, a3, 24);
}

/** x (uint256 at p) += a, mod 2^256. */
// @ts-ignore: decorator
@inline export function addTo(p: usize, a0: u64, a1: u64, a2: u64, a3: u64): void {
  const x0 = load<u64>(p), x1 = load<u64>(p, 8), x2 = load<u64>(p, 16), x3 = load<u64>(p, 24);
  const s0 = x0 + a0;
  let c = <u64>(s0 < x0);
  const t1 = x1 + a1;
  const s1 = t1 + c;
  c = <u64>(t1 < x1) | <u64>(s1 < t1);
  const t2 = x2 + a2;
  const s2 = t2 + c;
  c = <u64>(t2 < x2) | <u64>(s2 < t2);
  put256(p, s0, s1, s2, x3 + a3 + c);
}

/** x (uint256 at p) -= a, mod 2^256. */
// @ts-ignore: decorator
@inline export function subFrom(p: usize, a0: u64, a1: u64, a2: u64, a3: u64): void {
  const x0 = load<u64>(p), x1 = load<u64>(p, 8), x2 = load<u64>(p, 16), x3 = load<u64>(p, 24);
  const d0 = x0 - a0;
  let b = <u64>(x0 < a0);
  const t1 = x1 - a1;
  const d1 = t1 - b;
  b = <u64>(x1 < a1) | <u64>(t1 < b);
  const t2 = x2 - a2;
  const d2 = t2 - b;
  b = <u64>(x2 < a2) | <u64>(t2 < b);
  put256(p, d0, d1, d2, x3 - a3 - b);
}

// @ts-ignore: decorator
@inline export function isZero256At(p: usize): bool {
  return (load<u64>(p) | load<u64>(p, 8) | load<u64>(p, 16) | load<u64>(p, 24)) == 0;
}
