// Solidity 0.8's checked uint256 arithmetic on values held in memory (four u64 limbs at a
// pointer, least significant first). Each operation returns OK or the code Solidity's panic maps
// to (ArithmeticOverflow for over- and underflow, DivisionByZero), so a twin written with these
// reverts exactly where its contract does. `dst` may alias an operand.

import { E_ARITHMETIC_OVERFLOW, E_DIVISION_BY_ZERO, OK } from "../errors";
import { add256, divRem256, mul256, sub256 } from "./U256";
import { r0, r1, r2, r3 } from "../registers";

// @ts-ignore: decorator
@inline export function limb(p: usize, i: i32): u64 {
  return load<u64>(p + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline function storeR(dst: usize): void {
  store<u64>(dst, r0);
  store<u64>(dst, r1, 8);
  store<u64>(dst, r2, 16);
  store<u64>(dst, r3, 24);
}

/** dst = (v, 0, 0, 0). */
export function set64(dst: usize, v: u64): void {
  store<u64>(dst, v);
  store<u64>(dst, 0, 8);
  store<u64>(dst, 0, 16);
  store<u64>(dst, 0, 24);
}

export function copy(dst: usize, a: usize): void {
  memory.copy(dst, a, 32);
}

export function isZero(a: usize): bool {
  return (limb(a, 0) | limb(a, 1) | limb(a, 2) | limb(a, 3)) == 0;
}

/** a >= b, unsigned. */
export function gte(a: usize, b: usize): bool {
  for (let i = 3; i >= 0; i--) {
    const x = limb(a, i), y = limb(b, i);
    if (x != y) return x > y;
  }
  return true;
}

/** a > b, unsigned. */
export function gt(a: usize, b: usize): bool {
  return !gte(b, a);
}

export function add(dst: usize, a: usize, b: usize): i32 {
  if (add256(limb(a, 0), limb(a, 1), limb(a, 2), limb(a, 3), limb(b, 0), limb(b, 1), limb(b, 2), limb(b, 3))) return E_ARITHMETIC_OVERFLOW;
  storeR(dst);
  return OK;
}

export function sub(dst: usize, a: usize, b: usize): i32 {
  if (sub256(limb(a, 0), limb(a, 1), limb(a, 2), limb(a, 3), limb(b, 0), limb(b, 1), limb(b, 2), limb(b, 3))) return E_ARITHMETIC_OVERFLOW;
  storeR(dst);
  return OK;
}

export function mul(dst: usize, a: usize, b: usize): i32 {
  if (mul256(limb(a, 0), limb(a, 1), limb(a, 2), limb(a, 3), limb(b, 0), limb(b, 1), limb(b, 2), limb(b, 3))) return E_ARITHMETIC_OVERFLOW;
  storeR(dst);
  return OK;
}

/** dst = floor(a / b). */
export function div(dst: usize, a: usize, b: usize): i32 {
  if (!divRem256(limb(a, 0), limb(a, 1), limb(a, 2), limb(a, 3), limb(b, 0), limb(b, 1), limb(b, 2), limb(b, 3))) return E_DIVISION_BY_ZERO;
  storeR(dst);
  return OK;
}

/** dst = floor(a / 2^64): a division by ONE_X64 as a limb shift (the same quotient, no divide). */
export function divX64(dst: usize, a: usize): void {
  const a1 = limb(a, 1), a2 = limb(a, 2), a3 = limb(a, 3);
  store<u64>(dst, a1);
  store<u64>(dst, a2, 8);
  store<u64>(dst, a3, 16);
  store<u64>(dst, 0, 24);
}
