// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITwoSidedPool} from "../interfaces/ITwoSidedPool.sol";
import {IMoneyMarket} from "../interfaces/IMoneyMarket.sol";
import {Position} from "../libraries/Position.sol";
import {TwoSidedMakerProducer} from "../producers/TwoSidedMakerProducer.sol";
import {TwoSidedTakerProducer} from "../producers/TwoSidedTakerProducer.sol";
import {MakerTakerBundler} from "../producers/MakerTakerBundler.sol";

/// @title ProducerPositionReader
/// @notice A deployless reader (see PoolSnapshotReader): the per-asset data of 2sAMM producers' assets that the Wasm
///         twins of their Records read (docs/producers.md): the asset's pool, the owner the pool keys its positions
///         by, the ranges, the pool's position fields, the producer's delta parameter for the pool, and the taker's
///         lent shares valued at this block. One call reads `assetIds` of one producer of kind `kind`
///         (0 maker, 1 taker, 2 bundle); an asset that does not exist reads with pool 0.
/// @dev Output: abi.encode(uint256[] words), a fixed number of words per asset (MAKER_WORDS, TAKER_WORDS,
///      BUNDLE_WORDS) in the order of the `_maker` / `_taker` / `_bundle` writes below.
contract ProducerPositionReader {
    uint256 internal constant MAKER_WORDS = 11;
    uint256 internal constant TAKER_WORDS = 16;
    uint256 internal constant BUNDLE_WORDS = 27;

    constructor(address producer, uint8 kind, uint256[] memory assetIds) {
        uint256 stride = kind == 0 ? MAKER_WORDS : kind == 1 ? TAKER_WORDS : BUNDLE_WORDS;
        uint256[] memory w = new uint256[](assetIds.length * stride);
        for (uint256 i; i < assetIds.length; ++i) {
            uint256 at = i * stride;
            if (kind == 0) _maker(TwoSidedMakerProducer(producer), assetIds[i], w, at);
            else if (kind == 1) _taker(TwoSidedTakerProducer(producer), assetIds[i], w, at);
            else _bundle(MakerTakerBundler(producer), assetIds[i], w, at);
        }
        bytes memory ret = abi.encode(w);
        assembly ("memory-safe") {
            return(add(ret, 32), mload(ret))
        }
    }

    /// @dev pool, holder, tickLower, tickUpper, then makerPositions (7 words).
    function _maker(TwoSidedMakerProducer p, uint256 id, uint256[] memory w, uint256 at) private view {
        (address pool, address holder, int24 lo, int24 hi) = p.makers(id);
        (w[at], w[at + 1], w[at + 2], w[at + 3]) = (uint160(pool), uint160(holder), _i(lo), _i(hi));
        if (pool != address(0)) _makerPosition(ITwoSidedPool(pool), holder, lo, hi, w, at + 4);
    }

    /// @dev pool, owner (the producer), tickLower, tickUpper, takerPositions (9 words), deltaTicks, lent0, lent1.
    function _taker(TwoSidedTakerProducer p, uint256 id, uint256[] memory w, uint256 at) private view {
        (address pool, int24 lo, int24 hi,) = p.takers(id);
        (w[at], w[at + 1], w[at + 2], w[at + 3]) = (uint160(pool), uint160(address(p)), _i(lo), _i(hi));
        if (pool == address(0)) return;
        _takerPosition(ITwoSidedPool(pool), address(p), lo, hi, w, at + 4);
        w[at + 15] = p.deltaTicks(pool);
    }

    /// @dev pool, owner (the bundler), makerLower, makerUpper, takerLower, takerUpper, makerLiquidity,
    ///      takerLiquidity (the Bundle's), makerPositions (7), takerPositions (9) + lent0, lent1, deltaTicks.
    function _bundle(MakerTakerBundler p, uint256 id, uint256[] memory w, uint256 at) private view {
        (bool ok, bytes memory ret) = address(p).staticcall(abi.encodeCall(p.bundles, (id)));
        require(ok);
        MakerTakerBundler.Bundle memory b = abi.decode(ret, (MakerTakerBundler.Bundle));
        (w[at], w[at + 1], w[at + 2], w[at + 3]) = (uint160(b.pool), uint160(address(p)), _i(b.makerLower), _i(b.makerUpper));
        (w[at + 4], w[at + 5], w[at + 6], w[at + 7]) = (_i(b.takerLower), _i(b.takerUpper), b.makerLiquidity, b.takerLiquidity);
        if (b.pool == address(0)) return;
        _makerPosition(ITwoSidedPool(b.pool), address(p), b.makerLower, b.makerUpper, w, at + 8);
        _takerPosition(ITwoSidedPool(b.pool), address(p), b.takerLower, b.takerUpper, w, at + 15);
        w[at + 26] = p.deltaTicks(b.pool);
    }

    function _makerPosition(ITwoSidedPool pool, address owner, int24 lo, int24 hi, uint256[] memory w, uint256 at) private view {
        (bool ok, bytes memory ret) = address(pool).staticcall(abi.encodeCall(pool.makerPositions, (Position.key(owner, lo, hi))));
        require(ok);
        Position.Maker memory m = abi.decode(ret, (Position.Maker));
        (w[at], w[at + 1], w[at + 2], w[at + 3]) = (m.liquidity, m.feeGrowthInside0LastX128, m.feeGrowthInside1LastX128, m.premiumInside0LastX128);
        (w[at + 4], w[at + 5], w[at + 6]) = (m.premiumInside1LastX128, m.tokensOwed0, m.tokensOwed1);
    }

    /// @dev takerPositions (9 words, the shares last), then the shares valued at this block as the lens values them
    ///      (lent0, lent1: 2 words).
    function _takerPosition(ITwoSidedPool pool, address owner, int24 lo, int24 hi, uint256[] memory w, uint256 at) private view {
        Position.Taker memory t = _takerOf(pool, Position.key(owner, lo, hi));
        (w[at], w[at + 1], w[at + 2], w[at + 3], w[at + 4]) =
            (t.liquidity, t.feeGrowthInside0LastX128, t.feeGrowthInside1LastX128, t.premiumInside0LastX128, t.premiumInside1LastX128);
        (w[at + 5], w[at + 6], w[at + 7], w[at + 8]) = (t.owed0, t.owed1, t.shares0, t.shares1);
        (w[at + 9], w[at + 10]) = (t.shares0, t.shares1);
        address mm = pool.moneyMarket();
        if (mm != address(0)) {
            if (t.shares0 != 0) w[at + 9] = IMoneyMarket(mm).sharesToAmount(pool.token0(), t.shares0);
            if (t.shares1 != 0) w[at + 10] = IMoneyMarket(mm).sharesToAmount(pool.token1(), t.shares1);
        }
    }

    function _takerOf(ITwoSidedPool pool, bytes32 key) private view returns (Position.Taker memory) {
        (bool ok, bytes memory ret) = address(pool).staticcall(abi.encodeCall(pool.takerPositions, (key)));
        require(ok);
        return abi.decode(ret, (Position.Taker));
    }

    function _i(int24 t) private pure returns (uint256) {
        return uint256(int256(t));
    }
}
