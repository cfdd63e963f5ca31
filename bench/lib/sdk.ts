// The @uniswap/v3-sdk peer: the benchmark pool as an SDK Pool.
import { CurrencyAmount, Token } from "@uniswap/sdk-core";
import { Pool as SdkPool, TickMath as SdkTickMath } from "@uniswap/v3-sdk";
import JSBI from "jsbi";
import { activeLiquidity, FEE_PIPS, START_TICK, tickList } from "./scenario.js";

export const TOKEN0 = new Token(1, "0x0000000000000000000000000000000000000001", 18, "T0");
export const TOKEN1 = new Token(1, "0x0000000000000000000000000000000000000002", 18, "T1");

export function sdkPool(): SdkPool {
  const sqrt = SdkTickMath.getSqrtRatioAtTick(START_TICK);
  const ticks = tickList().map((t) => ({ index: t.index, liquidityNet: JSBI.BigInt(t.liquidityNet.toString()), liquidityGross: JSBI.BigInt(t.liquidityGross.toString()) }));
  return new SdkPool(TOKEN0, TOKEN1, FEE_PIPS, sqrt, JSBI.BigInt(activeLiquidity(START_TICK).toString()), START_TICK, ticks);
}

export const amount0 = (x: bigint) => CurrencyAmount.fromRawAmount(TOKEN0, x.toString());
export const amount1 = (x: bigint) => CurrencyAmount.fromRawAmount(TOKEN1, x.toString());
