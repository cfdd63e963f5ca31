// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Record} from "../interfaces/IProducer.sol";
import {PortfolioManager} from "../PortfolioManager.sol";

/// @title PortfolioReader
/// @notice A deployless reader (see PoolSnapshotReader): its creation code is sent as an `eth_call`
///         without `to`. It returns everything `Solvency.check` needs for one portfolio: the Records at
///         spot prices, the registry entries of their tokens, the blue-chips' feed answers (read through
///         the PM, so a stale or invalid price fails the read exactly as it fails the PM), the fixed USD
///         debt of all-tail Records, and the Records at reference prices or, when the PM cannot value
///         them (TwapUnavailable, a feed's error, ReferencePriceOutOfRange), its revert data.
///         `bindings/src/chain.ts` decodes the output.
contract PortfolioReader {
    /// @notice One distinct token of the portfolio's Records (answer and feedDecimals are 0 for tails).
    struct TokenRow {
        address token;
        uint256 varianceX64;
        bool tail;
        uint8 decimals;
        int256 answer;
        uint8 feedDecimals;
    }

    /// @dev Output: abi.encode(Record[] records, TokenRow[] tokens, uint256 tailRecordUsdDebt,
    ///      bool referenceOk, Record[] referenceRecords, bytes referenceRevert). Exactly one of the last two
    ///      is non-empty when the portfolio holds positions: the reference Records when `referenceOk`, else
    ///      the revert data of `pm.referenceRecords` (possibly empty, e.g. out of gas). The token rows are
    ///      those of the spot Records: both valuations list the same tokens (IProducer).
    constructor(PortfolioManager pm, address owner, uint256 portfolioId) {
        Record[] memory recs = pm.records(owner, portfolioId);
        Record[] memory refs;
        bytes memory refRevert;
        bool refOk;
        // An external call, so that a reference price the PM cannot form does not fail the spot read.
        try pm.referenceRecords(owner, portfolioId) returns (Record[] memory r) {
            (refOk, refs) = (true, r);
        } catch (bytes memory reason) {
            refRevert = reason;
        }
        bytes memory ret = abi.encode(recs, _rows(pm, recs), pm.tailRecordUsdDebt(), refOk, refs, refRevert);
        assembly ("memory-safe") {
            return(add(ret, 32), mload(ret))
        }
    }

    /// @dev Distinct tokens in order of first appearance, with their registry entries and prices.
    function _rows(PortfolioManager pm, Record[] memory recs) private view returns (TokenRow[] memory rows) {
        uint256 total;
        for (uint256 i; i < recs.length; ++i) total += recs[i].tokens.length;
        rows = new TokenRow[](total);
        uint256 n;
        for (uint256 i; i < recs.length; ++i) {
            for (uint256 j; j < recs[i].tokens.length; ++j) {
                address t = recs[i].tokens[j];
                bool seen;
                for (uint256 k; k < n && !seen; ++k) seen = rows[k].token == t;
                if (!seen) {
                    TokenRow memory r = rows[n++];
                    r.token = t;
                    (, r.tail, r.decimals,, r.varianceX64,) = _info(pm, t);
                    if (!r.tail) (r.answer, r.feedDecimals) = pm.price(t);
                }
            }
        }
        assembly ("memory-safe") {
            mstore(rows, n)
        }
    }

    function _info(PortfolioManager pm, address t) private view returns (bool, bool, uint8, uint32, uint96, address) {
        return pm.tokenInfo(t);
    }
}
