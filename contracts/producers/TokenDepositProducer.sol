// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {IProducer, Record} from "../interfaces/IProducer.sol";
import {IPortfolioManager} from "../interfaces/IPortfolioManager.sol";
import {ReentrancyGuard} from "../utils/ReentrancyGuard.sol";
import {TransferHelper} from "../libraries/TransferHelper.sol";
import {ProducerBase} from "./ProducerBase.sol";

/// @title TokenDepositProducer
/// @notice Plain collateral: a deposit of one token. Record: credit = the amount, no debt, delta 0
///         (the token's own price risk is the variance factor's job, not the position's).
/// @dev A deposit is one storage slot (one cold read per position and check): the token in the low 160 bits,
///      the amount above. An amount of WIDE or more does not fit; the slot then holds WIDE and the amount is
///      kept in `_wideAmount` (as the PM's registry does for a long maxAge).
contract TokenDepositProducer is ProducerBase, ReentrancyGuard {
    /// @dev 2^96 - 1: the amount field's marker for an amount kept in `_wideAmount`.
    uint256 private constant WIDE = (1 << 96) - 1;
    /// @dev Bytes of one deposit's Record in an ABI answer: four offsets, then four one-entry arrays.
    uint256 private constant RECORD_BYTES = 384;

    mapping(uint256 assetId => uint256) internal _deposits;
    mapping(uint256 assetId => uint256) internal _wideAmount;

    constructor(IPortfolioManager pm_) ProducerBase(pm_) {}

    /// @notice The deposit of asset `assetId` (zero token and amount when there is none).
    function deposits(uint256 assetId) external view returns (address token, uint256 amount) {
        uint256 w = _deposits[assetId];
        if (w == 0) return (address(0), 0);
        return _unpack(assetId, w);
    }

    /// @notice Deposits `amount` of `token` (pulled from msg.sender) into msg.sender's portfolio `portfolioId`.
    function deposit(address token, uint256 amount, uint256 portfolioId) external nonReentrant returns (uint256 assetId) {
        if (amount == 0) revert ZeroAmount();
        assetId = _newAssetId(msg.sender, portfolioId);
        if (amount >= WIDE) {
            _deposits[assetId] = uint256(uint160(token)) | (WIDE << 160);
            _wideAmount[assetId] = amount;
        } else {
            _deposits[assetId] = uint256(uint160(token)) | (amount << 160);
        }
        TransferHelper.safeTransferFrom(token, msg.sender, address(this), amount);
        pm.install(msg.sender, portfolioId, assetId);
    }

    /// @inheritdoc IProducer
    function record(uint256 assetId) public view override returns (Record memory r) {
        (address token, uint256 amount) = _deposit(assetId);
        r.tokens = new address[](1);
        r.credit = new uint256[](1);
        r.debt = new uint256[](1);
        r.delta = new uint256[](1);
        r.tokens[0] = token;
        r.credit[0] = amount;
    }

    /// @inheritdoc IProducer
    /// @dev The answer is written straight from storage (the Records ProducerBase would build and encode).
    function records(uint256[] calldata assetIds, bool) external view override returns (Record[] memory) {
        _returnRecords(assetIds, false);
    }

    /// @inheritdoc IProducer
    /// @dev No pool price is read: the reference Records are the spot ones, reported as an empty array. The
    ///      answer is written straight from storage.
    function valuations(uint256[] calldata assetIds, bool) external view override returns (Record[] memory, Record[] memory) {
        _returnRecords(assetIds, true);
    }

    /// @inheritdoc IProducer
    function destroy(uint256 assetId, address recipient) external onlyPM nonReentrant {
        (address token, uint256 amount) = _deposit(assetId);
        delete _deposits[assetId];
        if (amount >= WIDE) delete _wideAmount[assetId];
        emit AssetDestroyed(assetId, recipient);
        TransferHelper.safeTransfer(token, recipient, amount);
    }

    /// @dev The token and amount of a deposit; UnknownAsset when there is none.
    function _deposit(uint256 assetId) internal view returns (address token, uint256 amount) {
        uint256 w = _deposits[assetId];
        if (w == 0) revert UnknownAsset(assetId);
        return _unpack(assetId, w);
    }

    function _unpack(uint256 assetId, uint256 w) internal view returns (address token, uint256 amount) {
        token = address(uint160(w));
        amount = w >> 160;
        if (amount == WIDE) amount = _wideAmount[assetId];
    }

    /// @dev Ends the call returning the ABI encoding of the deposits' Records: `abi.encode(recs)` (`records`)
    ///      or, with `two`, `abi.encode(recs, new Record[](0))` (`valuations`). Each Record is one token, its
    ///      amount as credit, zero debt and delta, exactly what `record` returns; an unknown asset reverts
    ///      UnknownAsset, in the order of `assetIds`.
    function _returnRecords(uint256[] calldata assetIds, bool two) private view {
        uint256 n = assetIds.length;
        uint256 p;
        assembly ("memory-safe") {
            p := mload(0x40)
        }
        uint256 offs = p + (two ? 96 : 64); // after the head and the array's length word
        uint256 rec = offs + 32 * n;
        for (uint256 i; i < n; ++i) {
            (address token, uint256 amount) = _deposit(assetIds[i]);
            assembly ("memory-safe") {
                mstore(add(offs, shl(5, i)), sub(rec, offs))
                mstore(rec, 128)
                mstore(add(rec, 32), 192)
                mstore(add(rec, 64), 256)
                mstore(add(rec, 96), 320)
                mstore(add(rec, 128), 1)
                mstore(add(rec, 160), and(token, 0xffffffffffffffffffffffffffffffffffffffff)) // clean upper bits
                mstore(add(rec, 192), 1)
                mstore(add(rec, 224), amount)
                mstore(add(rec, 256), 1)
                mstore(add(rec, 288), 0)
                mstore(add(rec, 320), 1)
                mstore(add(rec, 352), 0)
            }
            rec += RECORD_BYTES;
        }
        assembly ("memory-safe") {
            mstore(sub(offs, 32), n)
            switch two
            case 0 {
                mstore(p, 32)
            }
            default {
                mstore(p, 64)
                mstore(add(p, 32), sub(rec, p)) // the empty reference array after the spot one
                mstore(rec, 0)
                rec := add(rec, 32)
            }
            return(p, sub(rec, p))
        }
    }
}
