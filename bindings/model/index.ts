/**
 * The pure-BigInt model of itos-core's math: the readable statement of docs/math.md and the
 * oracle that tests compare the Wasm core and the Solidity contracts with. Not part of the
 * published package (rollup bundles only bindings/index.ts).
 *
 * The namespaces carry the names of the public API (SPEC section 5), so a test or a benchmark can
 * swap `import { TickMath } from "itos-core"` for this module.
 * @example
 * import { TickMath, Pool } from "./bindings/model/index.js";
 * TickMath.getSqrtRatioAtTick(0); // 79228162514264337593543950336n
 * @module
 */
export * as FullMath from "./FullMath.js";
export * as TickMath from "./TickMath.js";
export * as SqrtPriceMath from "./SqrtPriceMath.js";
export * as SwapMath from "./SwapMath.js";
export * as LiquidityMath from "./LiquidityMath.js";
export * as SafeCast from "./SafeCast.js";
export * as FeeCurve from "./FeeCurve.js";
export * as TickBitmap from "./TickBitmap.js";
export * as Tick from "./Tick.js";
export * as LiquidityAmounts from "./LiquidityAmounts.js";
export * as Solvency from "./Solvency.js";
export * as ReferencePrice from "./ReferencePrice.js";
export { Pool } from "./Pool.js";
export type { PoolConfig, TickInfo, PositionInfo, Amounts, SwapParams, SwapResult } from "./Pool.js";
