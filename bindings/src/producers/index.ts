/**
 * The 2sAMM producers' Records in Wasm (docs/producers.md, "Wasm twins"): the premium ledger, the lens's valuations,
 * each producer's Record, and the chain readers that feed them.
 * @module
 */
export { PremiumLedger, LEDGER_PARTS, type PremiumLedgerState, type TickPremium } from "./ledger.js";
export {
  makerValueAt,
  takerValueAt,
  premiumGrowthInside,
  makerRecordAt,
  takerRecordAt,
  bundleRecordAt,
  type MakerPosition,
  type TakerPosition,
  type TakerAsset,
  type BundleAsset,
  type PoolValuationContext,
  type MakerValue,
  type TakerValue,
  type PremiumGrowthInside,
} from "./valuations.js";
export {
  makerAssetsFromChain,
  takerAssetsFromChain,
  bundleAssetsFromChain,
  type AssetLocation,
  type MakerAssetData,
  type TakerAssetData,
  type BundleAssetData,
} from "./positions.js";
