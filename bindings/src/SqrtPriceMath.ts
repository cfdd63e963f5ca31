/**
 * SqrtPriceMath: prices and token amounts along a liquidity curve, exact as Uniswap V3's SqrtPriceMath.
 * Twin of contracts/libraries/SqrtPriceMath.sol; Wasm in assembly/libraries/SqrtPriceMath.ts.
 * @module
 */
import { check, trapError } from "./call.js";
import { aBigint, aBool, MAX_INT128, MAX_UINT128, MAX_UINT160, MAX_UINT256, MIN_INT128 } from "./convert.js";
import { InvalidArgumentTypeError, throwCode } from "./errors.js";
import { batchCore, core, r160, r256, w128, w160, w256 } from "./_io.js";
import { BATCH_IN_ITEM_WORDS, BATCH_OUT_ITEM_WORDS } from "./generated/layout.js";

/** Errors the SqrtPriceMath functions can throw. */
export type SqrtPriceMathErrorType =
  | import("./errors.js").PriceZeroError
  | import("./errors.js").ZeroLiquidityError
  | import("./errors.js").InsufficientLiquidityError
  | import("./errors.js").SafeCastOverflowError
  | import("./errors.js").MulDivOverflowError
  | import("./errors.js").InvalidArgumentTypeError
  | import("./errors.js").ValueOutOfRangeError
  | import("./errors.js").WasmNotLoadedError;

function nextPrice(
  fn: "sqrtPriceMathGetNextSqrtPriceFromInput" | "sqrtPriceMathGetNextSqrtPriceFromOutput",
  name: string,
  amountName: string,
  sqrtPX96: bigint,
  liquidity: bigint,
  amount: bigint,
  zeroForOne: boolean,
): bigint {
  aBigint(sqrtPX96, 0n, MAX_UINT160, "sqrtPX96", name);
  aBigint(liquidity, 0n, MAX_UINT128, "liquidity", name);
  aBigint(amount, 0n, MAX_UINT256, amountName, name);
  aBool(zeroForOne, "zeroForOne", name);
  const { exports, io, io32 } = core();
  w160(io, 0, sqrtPX96);
  w128(io, 3, liquidity);
  w256(io, 5, amount);
  try {
    check(exports[fn](zeroForOne ? 1 : 0), name);
  } catch (e) {
    throw trapError(e, name);
  }
  return r160(io, 0, io32);
}

/**
 * The sqrt price after swapping `amountIn` of token0 (`zeroForOne`) or token1 into the curve,
 * rounded so the price never passes the exact result (token0 in rounds up, token1 in rounds down).
 * @param sqrtPX96 current sqrt price (uint160)
 * @param liquidity active liquidity (uint128)
 * @param amountIn input amount (uint256)
 * @param zeroForOne true when the input is token0
 * @throws PriceZeroError (sqrtPX96 == 0), ZeroLiquidityError (liquidity == 0), SafeCastOverflowError
 *   (the price would exceed uint160), MulDivOverflowError; InvalidArgumentTypeError / ValueOutOfRangeError for bad input.
 * @example
 * import { init, SqrtPriceMath } from "itos-core";
 * await init();
 * SqrtPriceMath.getNextSqrtPriceFromInput(2n ** 96n, 10n ** 18n, 10n ** 17n, false); // 87150978765690771352898345369n
 */
export function getNextSqrtPriceFromInput(sqrtPX96: bigint, liquidity: bigint, amountIn: bigint, zeroForOne: boolean): bigint {
  return nextPrice("sqrtPriceMathGetNextSqrtPriceFromInput", "SqrtPriceMath.getNextSqrtPriceFromInput", "amountIn", sqrtPX96, liquidity, amountIn, zeroForOne);
}

/**
 * The sqrt price after taking `amountOut` of token1 (`zeroForOne`) or token0 out of the curve,
 * rounded so the price passes at least the exact result.
 * @param sqrtPX96 current sqrt price (uint160)
 * @param liquidity active liquidity (uint128)
 * @param amountOut output amount (uint256)
 * @param zeroForOne true when the output is token1
 * @throws PriceZeroError, ZeroLiquidityError, InsufficientLiquidityError (the output is at least what
 *   the curve holds), SafeCastOverflowError, MulDivOverflowError; InvalidArgumentTypeError / ValueOutOfRangeError.
 * @example
 * import { init, SqrtPriceMath } from "itos-core";
 * await init();
 * SqrtPriceMath.getNextSqrtPriceFromOutput(2n ** 96n, 10n ** 18n, 10n ** 17n, true); // 71305346262837903834189555302n
 */
export function getNextSqrtPriceFromOutput(sqrtPX96: bigint, liquidity: bigint, amountOut: bigint, zeroForOne: boolean): bigint {
  return nextPrice("sqrtPriceMathGetNextSqrtPriceFromOutput", "SqrtPriceMath.getNextSqrtPriceFromOutput", "amountOut", sqrtPX96, liquidity, amountOut, zeroForOne);
}

function amountDelta(fn: string, name: string, sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint, roundUp: boolean): bigint {
  aBigint(sqrtRatioAX96, 0n, MAX_UINT160, "sqrtRatioAX96", name);
  aBigint(sqrtRatioBX96, 0n, MAX_UINT160, "sqrtRatioBX96", name);
  aBigint(liquidity, 0n, MAX_UINT128, "liquidity", name);
  aBool(roundUp, "roundUp", name);
  const { exports, io, io32 } = core();
  w160(io, 0, sqrtRatioAX96);
  w160(io, 3, sqrtRatioBX96);
  w128(io, 6, liquidity);
  try {
    check(exports[fn](roundUp ? 1 : 0), name);
  } catch (e) {
    throw trapError(e, name);
  }
  return r256(io, 0, io32);
}

/**
 * token0 between two sqrt prices for a liquidity: `L·2^96·(√B − √A) / (√A·√B)`, rounded up or down.
 * The order of A and B does not matter.
 * @throws PriceZeroError when the lower price is 0; InvalidArgumentTypeError / ValueOutOfRangeError for bad input.
 * @example
 * import { init, SqrtPriceMath } from "itos-core";
 * await init();
 * SqrtPriceMath.getAmount0Delta(79228162514264337593543950336n, 87150978765690771352898345369n, 10n ** 18n, true); // 90909090909090910n
 */
export function getAmount0Delta(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint, roundUp: boolean): bigint {
  return amountDelta("sqrtPriceMathGetAmount0Delta", "SqrtPriceMath.getAmount0Delta", sqrtRatioAX96, sqrtRatioBX96, liquidity, roundUp);
}

/**
 * token1 between two sqrt prices for a liquidity: `L·(√B − √A) / 2^96`, rounded up or down.
 * The order of A and B does not matter.
 * @throws InvalidArgumentTypeError / ValueOutOfRangeError for bad input (the math itself cannot fail).
 * @example
 * import { init, SqrtPriceMath } from "itos-core";
 * await init();
 * SqrtPriceMath.getAmount1Delta(79228162514264337593543950336n, 87150978765690771352898345369n, 10n ** 18n, false); // 99999999999999999n
 */
export function getAmount1Delta(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint, roundUp: boolean): bigint {
  return amountDelta("sqrtPriceMathGetAmount1Delta", "SqrtPriceMath.getAmount1Delta", sqrtRatioAX96, sqrtRatioBX96, liquidity, roundUp);
}

function signedDelta(fn: string, name: string, sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint): bigint {
  aBigint(sqrtRatioAX96, 0n, MAX_UINT160, "sqrtRatioAX96", name);
  aBigint(sqrtRatioBX96, 0n, MAX_UINT160, "sqrtRatioBX96", name);
  aBigint(liquidity, MIN_INT128, MAX_INT128, "liquidity", name);
  const { exports, io, io32 } = core();
  w160(io, 0, sqrtRatioAX96);
  w160(io, 3, sqrtRatioBX96);
  w128(io, 6, liquidity);
  try {
    check(exports[fn](), name);
  } catch (e) {
    throw trapError(e, name);
  }
  return BigInt.asIntN(256, r256(io, 0, io32));
}

/**
 * Signed token0 delta for a signed (int128) liquidity change, as Solidity's
 * `getAmount0Delta(uint160, uint160, int128)` overload: positive liquidity rounds up (owed to the
 * pool), negative rounds down and the result is negative (paid by the pool).
 * @throws PriceZeroError, SafeCastOverflowError (the amount does not fit int256); bad input errors.
 * @example
 * import { init, SqrtPriceMath } from "itos-core";
 * await init();
 * SqrtPriceMath.getAmount0DeltaSigned(79228162514264337593543950336n, 87150978765690771352898345369n, -(10n ** 18n)); // -90909090909090909n
 */
export function getAmount0DeltaSigned(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint): bigint {
  return signedDelta("sqrtPriceMathGetAmount0DeltaSigned", "SqrtPriceMath.getAmount0DeltaSigned", sqrtRatioAX96, sqrtRatioBX96, liquidity);
}

/**
 * Signed token1 delta for a signed (int128) liquidity change (rounding as getAmount0DeltaSigned).
 * @throws SafeCastOverflowError (the amount does not fit int256); bad input errors.
 * @example
 * import { init, SqrtPriceMath } from "itos-core";
 * await init();
 * SqrtPriceMath.getAmount1DeltaSigned(79228162514264337593543950336n, 87150978765690771352898345369n, 10n ** 18n); // 100000000000000000n
 */
export function getAmount1DeltaSigned(sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, liquidity: bigint): bigint {
  return signedDelta("sqrtPriceMathGetAmount1DeltaSigned", "SqrtPriceMath.getAmount1DeltaSigned", sqrtRatioAX96, sqrtRatioBX96, liquidity);
}

type BigintOrArray = bigint | readonly bigint[];

function deltaBatch(
  fn: "sqrtPriceMathGetAmount0DeltaBatch" | "sqrtPriceMathGetAmount1DeltaBatch",
  name: string,
  sqrtRatioAX96: BigintOrArray,
  sqrtRatioBX96: BigintOrArray,
  liquidity: BigintOrArray,
  roundUp: boolean,
): bigint[] {
  aBool(roundUp, "roundUp", name);
  const args = [sqrtRatioAX96, sqrtRatioBX96, liquidity];
  const names = ["sqrtRatioAX96", "sqrtRatioBX96", "liquidity"];
  let n = -1;
  for (const [j, a] of args.entries()) {
    if (Array.isArray(a)) {
      if (n >= 0 && a.length !== n) throw new InvalidArgumentTypeError(`${name}: array arguments must have the same length`, { details: `got ${n} and ${a.length}` });
      n = a.length;
    } else if (typeof a !== "bigint") {
      throw new InvalidArgumentTypeError(`${name}: ${names[j]} must be a bigint or an array of bigints`);
    }
  }
  if (n < 0) n = 1;
  const maxes = [MAX_UINT160, MAX_UINT160, MAX_UINT128];
  // Scalars are checked once; array entries as they are copied.
  for (let j = 0; j < 3; j++) if (!Array.isArray(args[j])) aBigint(args[j], 0n, maxes[j], names[j], name);
  const { core, b } = batchCore();
  const out: bigint[] = new Array(n);
  const inp = b.in64, o = b.out64;
  for (let start = 0; start < n; start += b.cap) {
    const m = Math.min(b.cap, n - start);
    for (let j = 0; j < 3; j++) {
      const a = args[j];
      const at = j === 0 ? 0 : j === 1 ? 3 : 6;
      const w = j === 2 ? w128 : w160;
      if (Array.isArray(a)) {
        for (let i = 0; i < m; i++) {
          const v = a[start + i];
          if (typeof v !== "bigint" || v < 0n || v > maxes[j]) aBigint(v, 0n, maxes[j], `${names[j]}[${start + i}]`, name);
          w(inp, i * BATCH_IN_ITEM_WORDS + at, v);
        }
      } else {
        const v = a as bigint;
        for (let i = 0; i < m; i++) w(inp, i * BATCH_IN_ITEM_WORDS + at, v);
      }
    }
    let e: number;
    try {
      e = core.exports[fn](m, roundUp ? 1 : 0) as number;
    } catch (err) {
      throw trapError(err, name);
    }
    if (e !== 0) throwCode(e, `${name}: item ${start + Number(core.io[0])}`);
    for (let i = 0; i < m; i++) out[start + i] = r256(o, i * BATCH_OUT_ITEM_WORDS);
  }
  return out;
}

/**
 * getAmount0Delta over many inputs in one pass through Wasm. Each argument is a bigint (used for
 * every item) or an array (one entry per item; arrays must have equal lengths).
 * @throws PriceZeroError naming the first failing item; bad input errors as getAmount0Delta.
 * @example
 * import { init, SqrtPriceMath } from "itos-core";
 * await init();
 * SqrtPriceMath.getAmount0DeltaBatch(79228162514264337593543950336n, 87150978765690771352898345369n, [10n ** 18n, 2n * 10n ** 18n], true);
 * // [90909090909090910n, 181818181818181819n]
 */
export function getAmount0DeltaBatch(sqrtRatioAX96: BigintOrArray, sqrtRatioBX96: BigintOrArray, liquidity: BigintOrArray, roundUp: boolean): bigint[] {
  return deltaBatch("sqrtPriceMathGetAmount0DeltaBatch", "SqrtPriceMath.getAmount0DeltaBatch", sqrtRatioAX96, sqrtRatioBX96, liquidity, roundUp);
}

/**
 * getAmount1Delta over many inputs in one pass through Wasm (arguments as getAmount0DeltaBatch).
 * @throws bad input errors as getAmount1Delta.
 * @example
 * import { init, SqrtPriceMath } from "itos-core";
 * await init();
 * SqrtPriceMath.getAmount1DeltaBatch(79228162514264337593543950336n, [87150978765690771352898345369n], 10n ** 18n, false);
 * // [99999999999999999n]
 */
export function getAmount1DeltaBatch(sqrtRatioAX96: BigintOrArray, sqrtRatioBX96: BigintOrArray, liquidity: BigintOrArray, roundUp: boolean): bigint[] {
  return deltaBatch("sqrtPriceMathGetAmount1DeltaBatch", "SqrtPriceMath.getAmount1DeltaBatch", sqrtRatioAX96, sqrtRatioBX96, liquidity, roundUp);
}
