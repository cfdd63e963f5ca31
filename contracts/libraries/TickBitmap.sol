// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BitMath} from "./BitMath.sol";

/// @title TickBitmap
/// @notice One bit per spaced tick (initialized or not), 256 to a word, keyed by the word index.
///         Twin of the bitmap search in assembly/libraries/TickBitmap.ts.
library TickBitmap {
    /// @notice Word index and bit index of a compressed tick (tick / tickSpacing).
    function position(int24 tick) internal pure returns (int16 wordPos, uint8 bitPos) {
        unchecked {
            wordPos = int16(tick >> 8);
            bitPos = uint8(uint24(tick % 256));
        }
    }

    /// @notice Flip the initialized bit of `tick`, which must be a multiple of `tickSpacing` (callers check).
    function flipTick(mapping(int16 => uint256) storage self, int24 tick, int24 tickSpacing) internal {
        unchecked {
            (int16 wordPos, uint8 bitPos) = position(tick / tickSpacing);
            self[wordPos] ^= 1 << bitPos;
        }
    }

    /// @notice The next initialized tick in the same 256-tick word as `tick` (compressed), searching left
    ///         (lte: at or below `tick`) or right (strictly above `tick`).
    /// @dev When no tick of the word is initialized, returns the word's last tick in the search direction and
    ///      initialized = false, so a loop can continue from there. Ticks are rounded toward negative infinity
    ///      when compressed, so a negative tick that is not a multiple of the spacing searches from below it.
    /// @return next The next initialized tick, or the word boundary
    /// @return initialized Whether `next` is initialized
    function nextInitializedTickWithinOneWord(
        mapping(int16 => uint256) storage self,
        int24 tick,
        int24 tickSpacing,
        bool lte
    ) internal view returns (int24 next, bool initialized) {
        unchecked {
            int24 compressed = tick / tickSpacing;
            if (tick < 0 && tick % tickSpacing != 0) compressed--; // round toward negative infinity

            if (lte) {
                (int16 wordPos, uint8 bitPos) = position(compressed);
                // bits at or below bitPos
                uint256 mask = (1 << bitPos) - 1 + (1 << bitPos);
                uint256 masked = self[wordPos] & mask;
                initialized = masked != 0;
                next = initialized
                    ? (compressed - int24(uint24(bitPos - BitMath.mostSignificantBit(masked)))) * tickSpacing
                    : (compressed - int24(uint24(bitPos))) * tickSpacing;
            } else {
                // start from the next tick: the current one is not "above"
                (int16 wordPos, uint8 bitPos) = position(compressed + 1);
                // bits at or above bitPos
                uint256 mask = ~((1 << bitPos) - 1);
                uint256 masked = self[wordPos] & mask;
                initialized = masked != 0;
                next = initialized
                    ? (compressed + 1 + int24(uint24(BitMath.leastSignificantBit(masked) - bitPos))) * tickSpacing
                    : (compressed + 1 + int24(uint24(type(uint8).max - bitPos))) * tickSpacing;
            }
        }
    }
}
