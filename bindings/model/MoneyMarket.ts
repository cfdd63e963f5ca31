/**
 * MoneyMarket: the money market's view math and the Records of the producers that read no pool, in
 * plain BigInt with Solidity 0.8's checked arithmetic (an over- or underflow throws
 * ArithmeticOverflowError, a division by zero DivisionByZeroError), written from
 * contracts/MoneyMarket.sol and contracts/producers/. The reference the Wasm twins
 * (assembly/MoneyMarket.ts, assembly/producers/) are tested against on inputs no chain state reaches.
 * @module
 */
import { ArithmeticOverflowError, DivisionByZeroError, MulDivOverflowError } from "./errors.js";

const ONE = 1n << 64n;
const MAX = (1n << 256n) - 1n;

/** A market's stored state (as `MoneyMarket.storedMarket` and `rateModel` return it). */
export interface Market {
  lastAccrual: bigint;
  lendIndexX64: bigint;
  borrowIndexX64: bigint;
  totalLendShares: bigint;
  totalBorrowShares: bigint;
  baseRateX64: bigint;
  slope1X64: bigint;
  kinkX64: bigint;
  slope2X64: bigint;
  reserveShareX64: bigint;
}

const over = () => new ArithmeticOverflowError("ArithmeticOverflow: checked arithmetic over- or underflowed (Panic(0x11))");
const add = (a: bigint, b: bigint) => { const r = a + b; if (r > MAX) throw over(); return r; };
const sub = (a: bigint, b: bigint) => { if (b > a) throw over(); return a - b; };
const mul = (a: bigint, b: bigint) => { const r = a * b; if (r > MAX) throw over(); return r; };
const div = (a: bigint, b: bigint) => { if (b === 0n) throw new DivisionByZeroError("DivisionByZero: denominator is zero"); return a / b; };
const divUp = (a: bigint, b: bigint) => (a === 0n ? 0n : add(div(sub(a, 1n), b), 1n));

export function utilisation(m: Market, lendIndexX64: bigint, borrowIndexX64: bigint): bigint {
  const supplied = div(mul(m.totalLendShares, lendIndexX64), ONE);
  if (supplied === 0n) return 0n;
  const borrowed = divUp(mul(m.totalBorrowShares, borrowIndexX64), ONE);
  if (borrowed >= supplied) return ONE;
  return div(mul(borrowed, ONE), supplied);
}

export function borrowRate(m: Market, u: bigint): bigint {
  if (u <= m.kinkX64) return add(m.baseRateX64, div(mul(m.slope1X64, u), m.kinkX64));
  return add(add(m.baseRateX64, m.slope1X64), div(mul(m.slope2X64, sub(u, m.kinkX64)), sub(ONE, m.kinkX64)));
}

export function lendRate(m: Market, br: bigint, u: bigint): bigint {
  return div(mul(div(mul(br, u), ONE), sub(ONE, m.reserveShareX64)), ONE);
}

export function currentIndexes(m: Market, now: bigint): [bigint, bigint] {
  let lend = m.lendIndexX64, borrow = m.borrowIndexX64;
  const dt = sub(now, m.lastAccrual);
  if (dt === 0n) return [lend, borrow];
  const u = utilisation(m, lend, borrow);
  const br = borrowRate(m, u);
  const lr = lendRate(m, br, u);
  borrow = add(borrow, divUp(mul(mul(borrow, br), dt), ONE));
  lend = add(lend, div(mul(mul(lend, lr), dt), ONE));
  return [lend, borrow];
}

/** MoneyMarketLendProducer.record's credit. */
export function lendCredit(m: Market, now: bigint, shares: bigint): bigint {
  return div(mul(shares, currentIndexes(m, now)[0]), ONE);
}

/** MoneyMarketBorrowProducer.record's debt and delta. */
export function borrowDebtAndDelta(m: Market, now: bigint, shares: bigint, window: bigint): [bigint, bigint] {
  const debt = divUp(mul(shares, currentIndexes(m, now)[1]), ONE);
  const rate = mul(borrowRate(m, ONE), window);
  return [debt, mulDivUp(debt, rate, ONE)];
}

/** ERC4626Integrator.record's credit and delta from an OpenZeppelin vault's totals. */
export function vaultCreditAndDelta(totalAssets: bigint, totalSupply: bigint, offsetPow: bigint, shares: bigint, riskPips: bigint): [bigint, bigint] {
  const d = add(totalSupply, offsetPow);
  if (d === 0n) throw new DivisionByZeroError("DivisionByZero: denominator is zero");
  let assets = (shares * add(totalAssets, 1n)) / d;
  if (assets > MAX) throw new MulDivOverflowError("MulDivOverflow: result exceeds uint256");
  if (assets >= 1n << 128n) assets = (1n << 128n) - 1n;
  return [assets, mulDivUp(assets, riskPips, 1_000_000n)];
}

function mulDivUp(a: bigint, b: bigint, d: bigint): bigint {
  const r = (a * b + d - 1n) / d;
  if (r > MAX) throw new MulDivOverflowError("MulDivOverflow: result exceeds uint256");
  return r;
}
