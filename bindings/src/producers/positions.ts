/**
 * The per-asset data of the 2sAMM producers' assets, read from the chain in one deployless `eth_call` per producer
 * (contracts/readers/ProducerPositionReader.sol): what the valuations of valuations.ts take.
 * @module
 */
import { ProducerPositionReader } from "../../../build/readers.js";
import { ChainReadError, type CallProvider } from "../chain.js";
import { aBigint, aInt, MAX_UINT256 } from "../convert.js";
import { InvalidArgumentTypeError } from "../errors.js";
import { addressWord, anAddress, deployless, toAddress, word } from "./chain.js";
import type { BundleAsset, MakerPosition, TakerAsset } from "./valuations.js";

/** Where an asset lives: its pool and the owner the pool keys its positions by (holder, producer or bundler). */
export interface AssetLocation {
  assetId: bigint;
  pool: string;
  owner: string;
}

export type MakerAssetData = MakerPosition & AssetLocation;
export type TakerAssetData = TakerAsset & AssetLocation;
export type BundleAssetData = BundleAsset & AssetLocation;

const STRIDE = [11, 16, 27] as const;
const i24 = (w: bigint) => Number(BigInt.asIntN(24, w));

async function read(provider: CallProvider, producer: string, kind: 0 | 1 | 2, assetIds: readonly (bigint | number)[], fn: string): Promise<bigint[][]> {
  anAddress(producer, fn);
  if (!Array.isArray(assetIds)) throw new InvalidArgumentTypeError(`${fn}: assetIds must be an array of asset ids`);
  const ids = assetIds.map((id, i) =>
    typeof id === "number" ? BigInt(aInt(id, 0, Number.MAX_SAFE_INTEGER, `assetIds[${i}]`, fn)) : aBigint(id, 0n, MAX_UINT256, `assetIds[${i}]`, fn),
  );
  // constructor(address producer, uint8 kind, uint256[] assetIds): head (3 words, the array's offset 0x60), then the array
  const args = addressWord(producer) + word(BigInt(kind)) + word(96n) + word(BigInt(ids.length)) + ids.map(word).join("");
  const w = await deployless(provider, ProducerPositionReader, args, `${fn}(${producer})`);
  const stride = STRIDE[kind];
  if (w.length < 2 || w[0] !== 32n || Number(w[1]) !== ids.length * stride || w.length < 2 + ids.length * stride) {
    throw new ChainReadError(`${fn}: unexpected reader output`, { details: `${w.length} words` });
  }
  return ids.map((id, i) => {
    const a = w.slice(2 + i * stride, 2 + (i + 1) * stride);
    if (a[0] === 0n) throw new ChainReadError(`${fn}: UnknownAsset(${id}): the producer has no such asset`, { details: producer });
    return a;
  });
}

function maker(a: bigint[], at: number, lo: bigint, hi: bigint): MakerPosition {
  return {
    tickLower: i24(lo),
    tickUpper: i24(hi),
    liquidity: a[at],
    feeGrowthInside0LastX128: a[at + 1],
    feeGrowthInside1LastX128: a[at + 2],
    premiumInside0LastX128: a[at + 3],
    premiumInside1LastX128: a[at + 4],
    tokensOwed0: a[at + 5],
    tokensOwed1: a[at + 6],
  };
}

function taker(a: bigint[], at: number, lo: bigint, hi: bigint) {
  return {
    tickLower: i24(lo),
    tickUpper: i24(hi),
    liquidity: a[at],
    feeGrowthInside0LastX128: a[at + 1],
    feeGrowthInside1LastX128: a[at + 2],
    premiumInside0LastX128: a[at + 3],
    premiumInside1LastX128: a[at + 4],
    owed0: a[at + 5],
    owed1: a[at + 6],
    shares0: a[at + 7],
    shares1: a[at + 8],
    lent0: a[at + 9],
    lent1: a[at + 10],
  };
}

/**
 * TwoSidedMakerProducer assets: pool, holder, range and the pool's maker position of each.
 * @throws ChainReadError (a failed read, or an asset the producer does not have: UnknownAsset).
 */
export async function makerAssetsFromChain(provider: CallProvider, producer: string, assetIds: readonly (bigint | number)[]): Promise<MakerAssetData[]> {
  const rows = await read(provider, producer, 0, assetIds, "makerAssetsFromChain");
  return rows.map((a, i) => ({ assetId: BigInt(assetIds[i]), pool: toAddress(a[0]), owner: toAddress(a[1]), ...maker(a, 4, a[2], a[3]) }));
}

/** TwoSidedTakerProducer assets: pool, range, the pool's taker position, the lent shares valued now, deltaTicks. */
export async function takerAssetsFromChain(provider: CallProvider, producer: string, assetIds: readonly (bigint | number)[]): Promise<TakerAssetData[]> {
  const rows = await read(provider, producer, 1, assetIds, "takerAssetsFromChain");
  return rows.map((a, i) => ({ assetId: BigInt(assetIds[i]), pool: toAddress(a[0]), owner: toAddress(a[1]), ...taker(a, 4, a[2], a[3]), deltaTicks: Number(a[15]) }));
}

/** MakerTakerBundler assets: both legs as the pool keeps them, the Bundle's liquidities, deltaTicks. */
export async function bundleAssetsFromChain(provider: CallProvider, producer: string, assetIds: readonly (bigint | number)[]): Promise<BundleAssetData[]> {
  const rows = await read(provider, producer, 2, assetIds, "bundleAssetsFromChain");
  return rows.map((a, i) => ({
    assetId: BigInt(assetIds[i]),
    pool: toAddress(a[0]),
    owner: toAddress(a[1]),
    maker: maker(a, 8, a[2], a[3]),
    taker: taker(a, 15, a[4], a[5]),
    makerLiquidity: a[6],
    takerLiquidity: a[7],
    deltaTicks: Number(a[26]),
  }));
}
