// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {SqrtPriceMath} from "../libraries/SqrtPriceMath.sol";
import {FeeCurve} from "../libraries/FeeCurve.sol";
import {UniswapV3PositionValue} from "../libraries/UniswapV3PositionValue.sol";

/// @title FuzzHarness
/// @notice Batch wrappers the differential fuzzer needs and the per-library harnesses lack: per-input fee curve
///         parameters, the signed (int128 liquidity) amount deltas, and UniswapV3PositionValue.record. A reverting input is reported by its
///         error selector (ok[i] = false) instead of aborting the batch.
contract FuzzHarness {
    struct FeeInput {
        uint128 reserved;
        uint128 provided;
        uint24 minFeePips;
        uint24 midFeePips;
        uint24 maxFeePips;
    }

    function feePips(FeeInput calldata c) external pure returns (uint24) {
        return FeeCurve.feePips(c.reserved, c.provided, c.minFeePips, c.midFeePips, c.maxFeePips);
    }

    /// @notice FeeCurve.feePips with its own parameter set per input.
    function feePipsBatch(FeeInput[] calldata ins)
        external
        view
        returns (uint24[] memory r, bool[] memory ok, bytes4[] memory sel)
    {
        uint256 n = ins.length;
        (r, ok, sel) = (new uint24[](n), new bool[](n), new bytes4[](n));
        for (uint256 i; i < n; ++i) {
            try this.feePips(ins[i]) returns (uint24 v) {
                (r[i], ok[i]) = (v, true);
            } catch (bytes memory reason) {
                sel[i] = bytes4(reason);
            }
        }
    }

    function getAmountDeltaSigned(uint160 a, uint160 b, int128 l, bool token1) external pure returns (int256) {
        return token1 ? SqrtPriceMath.getAmount1Delta(a, b, l) : SqrtPriceMath.getAmount0Delta(a, b, l);
    }

    /// @notice The signed getAmount0Delta / getAmount1Delta overloads over many inputs.
    /// @param token1 false: getAmount0Delta(uint160, uint160, int128), true: getAmount1Delta(...)
    function getAmountDeltaSignedBatch(uint160[] calldata a, uint160[] calldata b, int128[] calldata l, bool token1)
        external
        view
        returns (int256[] memory r, bool[] memory ok, bytes4[] memory sel)
    {
        uint256 n = a.length;
        (r, ok, sel) = (new int256[](n), new bool[](n), new bytes4[](n));
        for (uint256 i; i < n; ++i) {
            try this.getAmountDeltaSigned(a[i], b[i], l[i], token1) returns (int256 v) {
                (r[i], ok[i]) = (v, true);
            } catch (bytes memory reason) {
                sel[i] = bytes4(reason);
            }
        }
    }

    struct PositionRecord {
        uint256[2] credit;
        uint256[2] delta;
    }

    /// @dev `at` = 0: UniswapV3PositionValue.record (the spot Record); otherwise recordAt that sqrt price.
    function positionRecord(
        UniswapV3PositionValue.PoolState calldata s,
        UniswapV3PositionValue.PositionState calldata p,
        int24 moveTicks,
        uint160 at
    ) external pure returns (PositionRecord memory r) {
        if (at == 0) (r.credit, r.delta) = UniswapV3PositionValue.record(s, p, moveTicks);
        else (r.credit, r.delta) = UniswapV3PositionValue.recordAt(s, p, moveTicks, at);
    }

    /// @notice positionRecord over many (pool state, position, price move, valuation price) inputs.
    function positionRecordBatch(
        UniswapV3PositionValue.PoolState[] calldata s,
        UniswapV3PositionValue.PositionState[] calldata p,
        int24[] calldata moveTicks,
        uint160[] calldata at
    ) external view returns (PositionRecord[] memory r, bool[] memory ok, bytes4[] memory sel) {
        uint256 n = s.length;
        (r, ok, sel) = (new PositionRecord[](n), new bool[](n), new bytes4[](n));
        for (uint256 i; i < n; ++i) {
            try this.positionRecord(s[i], p[i], moveTicks[i], at[i]) returns (PositionRecord memory v) {
                (r[i], ok[i]) = (v, true);
            } catch (bytes memory reason) {
                sel[i] = bytes4(reason);
            }
        }
    }
}
