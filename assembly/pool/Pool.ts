// The 2sAMM pool engine: pools live in Wasm memory and JS holds a handle. The
// state and rules are docs/math.md "The 2sAMM pool"; each concept has its file:
//   State.ts      the Pool class (storage) and the handle registry
//   Config.ts     configuration and range checks, the fee at the pool's parameters
//   Liquidity.ts  mint / burn / take / release (modifyLiquidity, Tick.update)
//   RangeWalk.ts  the taker-cap and reserved-liquidity walk over a range
//   StepCache.ts  the cached steps of the swap loop
//   Swap.ts       UniswapV3Pool.swap: the step loop and its results, in the IO region
//   Cross.ts      crossing an initialized tick during a swap (Tick.cross)
//   Limbs.ts      uint256 values in memory, for the swap's state
//   Views.ts      amounts for liquidity, fee growth inside, next initialized tick
//   Snapshot.ts   state and tick records written or read in one go
//   exports.ts    the ABI shims
// This file re-exports what other parts of the core use.

export { Pool, poolOf, register, unregister } from "./State";
export { checkConfig, checkRange, createPool, currentFee, refreshActive } from "./Config";
export { modifyLiquidity } from "./Liquidity";
export { swap } from "./Swap";
export { amountsForLiquidity, feeGrowthInsideOf, nextInitializedTick } from "./Views";
