// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Record} from "../interfaces/IProducer.sol";

/// @title RecordsCodec
/// @notice The ABI encoding of `Record[]` answers without the compiler's generic coder, for the Portfolio
///         Manager's batch requests (IProducer.records / valuations). `encode2` / `encode1` write the
///         standard ABI encoding (any ABI decoder reads it) and return it; `decode` reads a `Record[]` of an
///         answer in place. The ABI tail of a
///         `uint256[]` or `address[]` (a length word, then one word per element) is already the memory layout
///         of that array, so each Record's four arrays point into the answer instead of being copied; only the
///         arrays of Record pointers are allocated. This is what makes the Portfolio Manager's check cheap:
///         the compiler's decoder copies and re-validates every word of every Record.
/// @dev Every offset and length is checked against the answer's size and every address word must have clean
///      upper bits, as the compiler's decoder checks: a malformed answer reverts with empty data, as it does.
///      The arrays keep their own lengths (Solvency's bounds checks see a short `credit` as before).
///      The decoded Records must not be written to (they alias the answer's bytes).
library RecordsCodec {
    /// @notice Ends the current external call returning `abi.encode(a, b)` (the answer of `valuations`).
    function return2(Record[] memory a, Record[] memory b) internal pure {
        uint256 p;
        assembly ("memory-safe") {
            p := mload(0x40)
        }
        uint256 end = encodeTo(a, p + 64);
        assembly ("memory-safe") {
            mstore(p, 64)
            mstore(add(p, 32), sub(end, p))
        }
        end = encodeTo(b, end);
        assembly ("memory-safe") {
            return(p, sub(end, p))
        }
    }

    /// @notice Ends the current external call returning `abi.encode(a)` (the answer of `records`).
    function return1(Record[] memory a) internal pure {
        uint256 p;
        assembly ("memory-safe") {
            p := mload(0x40)
        }
        uint256 end = encodeTo(a, p + 32);
        assembly ("memory-safe") {
            mstore(p, 32)
            return(p, sub(end, p))
        }
    }

    /// @notice Writes the ABI tail of `recs` at `dst` (free memory, not reserved: the caller returns it at
    ///         once) and returns where it ends. Each Record: four offsets, then its four arrays as they are in
    ///         memory (a length word and the elements).
    function encodeTo(Record[] memory recs, uint256 dst) internal pure returns (uint256 cur) {
        assembly ("memory-safe") {
            let n := mload(recs)
            mstore(dst, n)
            let offs := add(dst, 32)
            cur := add(offs, shl(5, n))
            for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                mstore(add(offs, shl(5, i)), sub(cur, offs))
                let rec := mload(add(recs, shl(5, add(i, 1))))
                let body := add(cur, 128)
                for { let f := 0 } lt(f, 4) { f := add(f, 1) } {
                    let arr := mload(add(rec, shl(5, f)))
                    mstore(add(cur, shl(5, f)), sub(body, cur))
                    let size := shl(5, add(mload(arr), 1))
                    mcopy(body, arr, size)
                    body := add(body, size)
                }
                cur := body
            }
        }
    }

    /// @notice The `Record[]` whose ABI offset is in head word `slot` of `data` (the returned bytes).
    function decode(bytes memory data, uint256 slot) internal pure returns (Record[] memory recs) {
        assembly ("memory-safe") {
            // Absolute pointers into the answer, [data + 32, end).
            let end := add(add(data, 32), mload(data))
            // Head word `slot` holds the array's offset; there: its length n, then the offsets of its n Records.
            let head := add(add(data, 32), shl(5, slot))
            if gt(head, sub(end, 32)) { revert(0, 0) }
            let o := mload(head)
            if gt(o, sub(sub(end, data), 64)) { revert(0, 0) }
            head := add(add(data, 32), o)
            let n := mload(head)
            head := add(head, 32)
            if gt(n, shr(5, sub(end, head))) { revert(0, 0) }
            recs := mload(0x40)
            mstore(recs, n)
            mstore(0x40, add(recs, add(32, mul(n, 160)))) // n pointers, then n Records of four words
            // Each array's offset is compared with the room left after its Record (no sum can wrap); a failure
            // sets `bad`, checked a few times per Record (every failure reverts with empty data).
            let bad := 0
            let outs := add(recs, add(32, shl(5, n)))
            for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                // The Record's four offset words must be inside the answer.
                let rec := add(head, mload(add(head, shl(5, i))))
                if or(lt(rec, head), gt(rec, sub(end, 128))) { revert(0, 0) }
                let out := add(outs, shl(7, i))
                mstore(add(recs, shl(5, add(i, 1))), out)
                // Each array's length word and its elements must be inside the answer.
                let room := sub(sub(end, 32), rec)
                o := mload(rec)
                bad := gt(o, room)
                let arr := add(rec, o)
                let len := mload(arr)
                bad := or(bad, gt(len, shr(5, sub(sub(end, arr), 32))))
                if bad { revert(0, 0) }
                // The token addresses must have clean upper bits.
                for { let j := 0 } lt(j, len) { j := add(j, 1) } {
                    bad := or(bad, shr(160, mload(add(arr, shl(5, add(j, 1))))))
                }
                mstore(out, arr)
                o := mload(add(rec, 32))
                bad := or(bad, gt(o, room))
                arr := add(rec, o)
                mstore(add(out, 32), arr)
                o := mload(add(rec, 64))
                bad := or(bad, gt(o, room))
                let arr2 := add(rec, o)
                mstore(add(out, 64), arr2)
                o := mload(add(rec, 96))
                bad := or(bad, gt(o, room))
                let arr3 := add(rec, o)
                mstore(add(out, 96), arr3)
                if bad { revert(0, 0) }
                bad := gt(mload(arr), shr(5, sub(sub(end, arr), 32)))
                bad := or(bad, gt(mload(arr2), shr(5, sub(sub(end, arr2), 32))))
                bad := or(bad, gt(mload(arr3), shr(5, sub(sub(end, arr3), 32))))
                if bad { revert(0, 0) }
            }
        }
    }
}
