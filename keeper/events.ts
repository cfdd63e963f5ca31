// The events the keeper follows, decoded into plain objects (lower-case addresses, bigints).
import { Interface } from "ethers";
import type { KeeperLog } from "./rpc.js";

export const PM_EVENTS = new Interface([
  "event PortfolioOpened(address indexed owner, uint256 indexed portfolioId)",
  "event Installed(address indexed owner, uint256 indexed portfolioId, address indexed producer, uint256 assetId)",
  "event Uninstalled(address indexed owner, uint256 indexed portfolioId, address indexed producer, uint256 assetId)",
  "event Liquidated(address indexed owner, uint256 indexed portfolioId, address indexed liquidator, uint256 debtUsd, uint256 paidUsd, uint256 badDebtUsd)",
  "event TokenSet(address indexed token, uint256 varianceX64, bool tail, address feed, uint32 maxAge, uint8 decimals)",
  "event TailRecordUsdDebtSet(uint256 usdDebt)",
  "event LiquidationBonusSet(uint256 bonusPips)",
  "event ProducerSet(address indexed producer, bool allowed)",
]);

export const MM_EVENTS = new Interface([
  "event RateModelSet(address indexed token, uint256 baseRateX64, uint256 slope1X64, uint256 kinkX64, uint256 slope2X64, uint256 reserveShareX64)",
  "event Accrued(address indexed token, uint256 lendIndexX64, uint256 borrowIndexX64)",
  "event Supplied(address indexed token, address indexed account, uint256 amount, uint256 shares)",
  "event Withdrawn(address indexed token, address indexed account, address to, uint256 amount, uint256 shares)",
  "event Borrowed(address indexed token, address indexed borrower, address to, uint256 amount, uint256 shares)",
  "event Repaid(address indexed token, address indexed payer, address indexed onBehalfOf, uint256 amount, uint256 shares)",
]);

export const FEED_EVENTS = new Interface(["event AnswerUpdated(int256 answer, uint256 updatedAt, uint80 roundId)"]);

export const PRODUCER_EVENTS = new Interface(["event LiquidationWindowSet(uint256 seconds_)"]);

/** The 2sAMM pool's events (ITwoSidedPoolEvents), applied to the resident Wasm pool (pool-events.ts);
 *  a pool log of any other topic marks the pool for a re-read at the block's end. */
export const POOL_EVENTS = new Interface([
  "event Initialize(uint160 sqrtPriceX96, int24 tick)",
  "event IncreaseObservationCardinalityNext(uint16 observationCardinalityNextOld, uint16 observationCardinalityNextNew)",
  "event Mint(address sender, address indexed owner, int24 indexed tickLower, int24 indexed tickUpper, uint128 amount, uint256 amount0, uint256 amount1)",
  "event Burn(address indexed owner, int24 indexed tickLower, int24 indexed tickUpper, uint128 amount, uint256 amount0, uint256 amount1)",
  "event Collect(address indexed owner, address recipient, int24 indexed tickLower, int24 indexed tickUpper, uint128 amount0, uint128 amount1)",
  "event Swap(address indexed sender, address indexed recipient, int256 amount0, int256 amount1, uint160 sqrtPriceX96, uint128 liquidity, int24 tick)",
  "event Take(address indexed owner, int24 indexed tickLower, int24 indexed tickUpper, uint128 liquidity, uint256 amount0, uint256 amount1, uint256 shares0, uint256 shares1)",
  "event Release(address indexed owner, address recipient, int24 indexed tickLower, int24 indexed tickUpper, uint128 liquidity, uint256 withdrawn0, uint256 withdrawn1, uint256 returned0, uint256 returned1, uint256 debt0, uint256 debt1)",
  "event PremiumIndexes(uint128 index0X64, uint128 index1X64, uint256 borrowIndex0X64, uint256 borrowIndex1X64)",
  "event CollectProtocol(address indexed sender, address indexed recipient, uint128 amount0, uint128 amount1)",
]);

export const PM_READ = new Interface([
  "function liquidate(address owner, uint256 portfolioId, uint256 mask) returns (uint256 debtUsd, uint256 paidUsd)",
  "function liquidationBonusPips() view returns (uint256)",
  "function isLiquidatable(address owner, uint256 portfolioId) view returns (bool)",
  "function portfolioCount(address owner) view returns (uint256)",
]);

export const ERC20 = new Interface([
  "function balanceOf(address) view returns (uint256)",
  "function allowance(address owner, address spender) view returns (uint256)",
  "function approve(address spender, uint256 amount) returns (bool)",
]);

export interface Decoded {
  source: "pm" | "mm" | "feed" | "producer" | "pool";
  name: string;
  args: { [k: string]: any };
  log: KeeperLog;
}

/** Decoders by topic0, per source. Every followed event has static arguments (one word each), so a log
 *  is sliced directly: ethers' parseLog (checksummed addresses, Result objects) costs most of the apply time. */
type Field = { name: string; type: string; indexed: boolean };
const tables = new Map<string, Map<string, { name: string; fields: Field[] }>>();
function table(source: string, iface: Interface) {
  let t = tables.get(source);
  if (!t) {
    t = new Map();
    iface.forEachEvent((f) => t!.set(f.topicHash, { name: f.name, fields: f.inputs.map((i) => ({ name: i.name, type: i.type, indexed: !!i.indexed })) }));
    tables.set(source, t);
  }
  return t;
}

function word(hex: string, type: string): any {
  if (type === "address") return "0x" + hex.slice(24);
  if (type === "bool") return BigInt("0x" + hex) !== 0n;
  const v = BigInt("0x" + hex);
  if (type.startsWith("int")) return BigInt.asIntN(Number(type.slice(3)) || 256, v);
  return v;
}

/** Decodes a log from a known contract; null for events the keeper does not follow. */
export function decode(source: Decoded["source"], log: KeeperLog): Decoded | null {
  const iface = { pm: PM_EVENTS, mm: MM_EVENTS, feed: FEED_EVENTS, producer: PRODUCER_EVENTS, pool: POOL_EVENTS }[source];
  const e = table(source, iface).get(log.topics[0]);
  if (!e) return source === "pool" ? { source, name: "other", args: {}, log } : null; // an unknown pool event: still a change
  const args: { [k: string]: any } = {};
  const data = log.data.slice(2);
  let t = 1, d = 0;
  for (const f of e.fields) {
    const hex = f.indexed ? log.topics[t++]?.slice(2) : data.slice(64 * d, 64 * ++d);
    if (hex === undefined || hex.length !== 64) return null; // not the shape the event declares
    args[f.name] = word(hex.toLowerCase(), f.type);
  }
  return { source, name: e.name, args, log };
}
