// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITwoSidedPool} from "../interfaces/ITwoSidedPool.sol";
import {TickMath} from "../libraries/TickMath.sol";
import {TwoSidedPoolLens} from "../TwoSidedPoolLens.sol";

/// @title PoolSnapshotReader
/// @notice A deployless reader: it is never deployed. Its creation code is sent as an `eth_call`
///         without a `to` address; the constructor reads the pool through a lens it creates in that
///         call and returns the result as the call's output. `bindings/src/chain.ts` sends `parts`
///         such calls together (one JSON-RPC batch), call `part` scanning its share of the bitmap, so
///         that even a tick spacing of 1 (6,932 bitmap words) stays under a call's gas cap.
contract PoolSnapshotReader {
    /// @notice The output, ABI-encoded as one tuple. Field order is what the bindings decode.
    struct Output {
        uint160 sqrtPriceX96;
        int24 tick;
        uint128 makerLiquidity;
        uint128 takerLiquidity;
        uint256 feeGrowthGlobal0X128;
        uint256 feeGrowthGlobal1X128;
        uint256 protocolFees0;
        uint256 protocolFees1;
        int24 tickSpacing;
        uint24 minFeePips;
        uint24 midFeePips;
        uint24 maxFeePips;
        uint24 protocolFeePips;
        uint24 takerCapPips;
        TwoSidedPoolLens.TickView[] ticks; // every initialized tick, ascending
    }

    constructor(ITwoSidedPool pool, uint256 part, uint256 parts) {
        TwoSidedPoolLens lens = new TwoSidedPoolLens();
        TwoSidedPoolLens.Snapshot memory s = lens.snapshot(pool);
        Output memory o;
        (o.sqrtPriceX96, o.tick, o.makerLiquidity, o.takerLiquidity) = (s.sqrtPriceX96, s.tick, s.makerLiquidity, s.takerLiquidity);
        (o.feeGrowthGlobal0X128, o.feeGrowthGlobal1X128) = (s.feeGrowthGlobal0X128, s.feeGrowthGlobal1X128);
        (o.protocolFees0, o.protocolFees1, o.tickSpacing) = (s.protocolFees0, s.protocolFees1, s.tickSpacing);
        (o.minFeePips, o.midFeePips, o.maxFeePips) = (s.minFeePips, s.midFeePips, s.maxFeePips);
        (o.protocolFeePips, o.takerCapPips) = (s.protocolFeePips, s.takerCapPips);
        int256 lo = _word(TickMath.MIN_TICK, s.tickSpacing);
        int256 words = _word(TickMath.MAX_TICK, s.tickSpacing) - lo + 1;
        // This call's share of the words: [lo + words*part/parts, lo + words*(part+1)/parts - 1].
        int256 first = lo + (words * int256(part)) / int256(parts);
        int256 last = lo + (words * int256(part + 1)) / int256(parts) - 1;
        if (last >= first) o.ticks = lens.getTicks(pool, int16(first), int16(last));
        bytes memory ret = abi.encode(o);
        assembly ("memory-safe") {
            return(add(ret, 32), mload(ret))
        }
    }

    /// @dev Bitmap word of `tick` at `spacing`, with Uniswap's compression (floor division).
    function _word(int24 tick, int24 spacing) private pure returns (int256) {
        int24 compressed = tick / spacing;
        if (tick < 0 && tick % spacing != 0) compressed--;
        return int256(compressed >> 8);
    }
}
