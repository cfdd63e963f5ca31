// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IProducer, Record} from "../interfaces/IProducer.sol";
import {TickMath} from "../libraries/TickMath.sol";
import {RecordsCodec} from "../libraries/RecordsCodec.sol";
import {ProducerBase} from "./ProducerBase.sol";

/// @notice The spot price of a 2sAMM or Uniswap V3 pool (Uniswap's slot0 returns more fields; only these
///         two are decoded).
interface IPoolSpot {
    function slot0() external view returns (uint160 sqrtPriceX96, int24 tick);
}

/// @title PoolPricedProducer
/// @notice A producer whose Records depend on one pool's price (2sAMM makers, takers and bundles, Uniswap V3
///         positions). Each valuation is the same `_recordAt` at a different price: the pool's spot price, or
///         its reference price from the Portfolio Manager (docs/pm.md, "Two valuations").
abstract contract PoolPricedProducer is ProducerBase {
    /// @notice The pool whose price asset `assetId`'s Record reads (UnknownAsset if none).
    function _pricePool(uint256 assetId) internal view virtual returns (address);

    /// @notice Asset `assetId`'s Record with its pool at sqrt price `sqrtPriceX96`, whose tick is `tick`.
    function _recordAt(uint256 assetId, uint160 sqrtPriceX96, int24 tick) internal view virtual returns (Record memory);

    /// @inheritdoc IProducer
    function record(uint256 assetId) public view override returns (Record memory) {
        (uint160 sqrtP, int24 tick) = IPoolSpot(_pricePool(assetId)).slot0();
        return _recordAt(assetId, sqrtP, tick);
    }

    /// @inheritdoc IProducer
    function referenceRecord(uint256 assetId) public view override returns (Record memory) {
        uint160 sqrtRef = pm.referenceSqrtPriceX96(_pricePool(assetId));
        return _recordAt(assetId, sqrtRef, TickMath.getTickAtSqrtRatio(sqrtRef));
    }

    /// @inheritdoc IProducer
    function userRecords(uint256 assetId) external view override returns (Record memory spot, Record memory atReference) {
        address pool = _pricePool(assetId);
        (uint160 sqrtP, int24 tick) = IPoolSpot(pool).slot0();
        spot = _recordAt(assetId, sqrtP, tick);
        uint160 sqrtRef = pm.checkedReferenceSqrtPriceX96(pool, tick);
        atReference = _recordAt(assetId, sqrtRef, TickMath.getTickAtSqrtRatio(sqrtRef));
    }

    /// @inheritdoc IProducer
    /// @dev Both valuations of every asset. Assets on the pool of the previous one reuse its spot and reference
    ///      prices (one slot0 and one reference read per run of assets on a pool).
    function valuations(uint256[] calldata assetIds, bool guarded)
        external
        view
        override
        returns (Record[] memory spot, Record[] memory atReference)
    {
        uint256 n = assetIds.length;
        spot = new Record[](n);
        atReference = new Record[](n);
        address lastPool;
        uint160 sqrtP;
        int24 tick;
        uint160 sqrtRef;
        int24 refTick;
        for (uint256 i; i < n; ++i) {
            address pool = _pricePool(assetIds[i]);
            // Same order of reads as userRecords: spot price, spot Record, then the reference.
            if (pool != lastPool) (sqrtP, tick) = IPoolSpot(pool).slot0();
            spot[i] = _recordAt(assetIds[i], sqrtP, tick);
            if (pool != lastPool) {
                sqrtRef = guarded ? pm.checkedReferenceSqrtPriceX96(pool, tick) : pm.referenceSqrtPriceX96(pool);
                refTick = TickMath.getTickAtSqrtRatio(sqrtRef);
                lastPool = pool;
            }
            atReference[i] = _recordAt(assetIds[i], sqrtRef, refTick);
        }
        RecordsCodec.return2(spot, atReference);
    }
}
