/**
 * Internal: the deployless reads of the producers' twins (contracts/readers/PremiumLedgerReader.sol,
 * ProducerPositionReader.sol), through any object with ethers v6's `call({ data })`.
 * @module
 */
import { ChainReadError, type CallProvider } from "../chain.js";

/** The 32-byte words of `hex` (ABI data). */
export function words(hex: string, what: string): bigint[] {
  const h = hex.startsWith("0x") ? hex.slice(2) : hex;
  if (h.length === 0 || h.length % 64 !== 0) throw new ChainReadError(`${what}: unexpected return data length`, { details: `${h.length / 2} bytes` });
  const out: bigint[] = new Array(h.length / 64);
  for (let i = 0; i < out.length; i++) out[i] = BigInt("0x" + h.slice(i * 64, i * 64 + 64));
  return out;
}

/** One ABI word of a non-negative value (or an int's two's complement). */
export const word = (v: bigint) => BigInt.asUintN(256, v).toString(16).padStart(64, "0");

export function anAddress(address: unknown, fn: string): string {
  if (typeof address !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(address)) {
    throw new ChainReadError(`${fn}: expected a 0x-prefixed 20-byte address`, { details: `got ${String(address)}` });
  }
  return address;
}

export const addressWord = (a: string) => a.slice(2).toLowerCase().padStart(64, "0");
export const toAddress = (w: bigint) => "0x" + w.toString(16).padStart(40, "0");

/** Runs a deployless reader: its creation code plus ABI-encoded constructor arguments. */
export async function deployless(provider: CallProvider, creationCode: string, args: string, what: string): Promise<bigint[]> {
  let ret: string;
  try {
    ret = await provider.call({ data: creationCode + args });
  } catch (e) {
    throw new ChainReadError(`${what} failed`, { details: (e as Error).message, cause: e });
  }
  return words(ret, what);
}
