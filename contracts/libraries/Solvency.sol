// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {FullMath} from "./FullMath.sol";
import {Record} from "../interfaces/IProducer.sol";

/// @title Solvency
/// @notice Nets a portfolio's Records into per-token virtual balances and a USD total, exactly as
///         `docs/pm.md` states (twin of assembly/libraries/Solvency.ts):
///         - v_R = the largest varianceX64 among a Record's tokens;
///         - per entry: vc = floor(credit * 2^64 / v_R), vd = ceil((debt + delta) * v_R / 2^64);
///         - net_t = sum of (vc - vd) over the Records; a tail token fails when net_t < 0;
///         - a blue-chip's USD value (18 decimals) is floor(net_t * a * 10^18 / 10^(td + fd)) for
///           net_t >= 0 and -ceil(-net_t * a * 10^18 / 10^(td + fd)) below zero;
///         - usdNet = sum of blue-chip USD values - tailRecordUsdDebt * (number of all-tail Records);
///         - solvent when usdNet >= 0 and no tail token fails.
/// @dev Checks run in a fixed order so both twins report the same first failure: the Records in
///      order, in each its tokens in order (UnknownToken, InvalidVarianceFactor), then its amounts in
///      order (SolvencyOverflow for 2^128 or more); then the held blue-chips in order of first
///      appearance (InvalidPrice, then MulDivOverflow / SolvencyOverflow from the USD value and the
///      running sum); last the all-tail Records' fixed debt (SolvencyOverflow).
library Solvency {
    /*//////////////////////////////////////////////////////////////
                                ERRORS
    //////////////////////////////////////////////////////////////*/

    /// @notice Thrown when a Record names a token missing from the token table.
    error UnknownToken(address token);
    /// @notice Thrown when a variance factor is not in (1, 256] (X64: (2^64, 2^72]).
    error InvalidVarianceFactor(address token);
    /// @notice Thrown when a blue-chip's price answer is not in (0, 2^128) or its feed has more
    ///         than 36 decimals.
    error InvalidPrice(address token);
    /// @notice Thrown when a Record amount is 2^128 or more, or a USD total leaves int256.
    error SolvencyOverflow();

    /*//////////////////////////////////////////////////////////////
                                 TYPES
    //////////////////////////////////////////////////////////////*/

    /// @notice Risk parameters of a token, from the PM's registry.
    struct TokenConfig {
        uint256 varianceX64; // variance factor, X64, in (2^64, 2^72]
        bool tail; // tail token (netted in kind only) or blue-chip (priced in USD)
        uint8 decimals; // token decimals, <= 36
    }

    /// @notice A feed answer (`answer` in units of 10^-decimals USD per whole token).
    struct Price {
        int256 answer;
        uint8 decimals;
    }

    /// @notice The full result of a solvency check.
    struct Breakdown {
        bool solvent;
        int256 usdNet; // USD, 18 decimals, after the all-tail Records' fixed debt
        address[] tokens; // the tokens that appear in the Records, in order of first appearance
        int256[] nets; // net virtual balance per token of `tokens`, token units
        address[] failingTails; // tail tokens with a negative net, in order of first appearance
        uint256 tailRecords; // number of Records made only of tail tokens
    }

    uint256 internal constant ONE_X64 = 1 << 64;
    /// @notice Largest variance factor: 256.0.
    uint256 internal constant MAX_VARIANCE_X64 = 1 << 72;
    /// @notice Record amounts must stay below 2^128 (so no step of the netting can overflow).
    uint256 internal constant AMOUNT_LIMIT = 1 << 128;
    /// @notice Feed answers must stay below 2^128.
    uint256 internal constant ANSWER_LIMIT = 1 << 128;
    uint8 internal constant MAX_DECIMALS = 36;

    /*//////////////////////////////////////////////////////////////
                                 CHECK
    //////////////////////////////////////////////////////////////*/

    /// @notice Nets `records` and values the result.
    /// @param records the portfolio's Records
    /// @param tokens the token table: every token a Record names must be here (each once)
    /// @param configs risk parameters, one per entry of `tokens`
    /// @param prices feed answers, one per entry of `tokens` (read for used blue-chips only)
    /// @param tailRecordUsdDebt fixed USD debt (18 decimals) added by each all-tail Record
    function check(
        Record[] memory records,
        address[] memory tokens,
        TokenConfig[] memory configs,
        Price[] memory prices,
        uint256 tailRecordUsdDebt
    ) internal pure returns (Breakdown memory b) {
        (int256[] memory nets, uint256[] memory order, uint256 tailRecords) = netAll(records, tokens, configs);
        b.tailRecords = tailRecords;
        // (2) tail failures, then the blue-chips' USD values
        collectNets(b, tokens, configs, nets, order);
        int256 total = withTailDebt(sumUsd(tokens, configs, prices, nets, order), tailRecordUsdDebt, tailRecords);
        b.usdNet = total;
        b.solvent = b.failingTails.length == 0 && total >= 0;
    }

    /// @notice `check`'s verdict and USD net only (what the Portfolio Manager's checks need): the same steps,
    ///         results and errors in the same order, without building the breakdown's per-token lists.
    function verdict(
        Record[] memory records,
        address[] memory tokens,
        TokenConfig[] memory configs,
        Price[] memory prices,
        uint256 tailRecordUsdDebt
    ) internal pure returns (bool solvent, int256 usdNet) {
        (int256[] memory nets, uint256[] memory order, uint256 tailRecords) = netAll(records, tokens, configs);
        usdNet = withTailDebt(sumUsd(tokens, configs, prices, nets, order), tailRecordUsdDebt, tailRecords);
        solvent = usdNet >= 0;
        for (uint256 i; solvent && i < order.length; ++i) {
            uint256 k = order[i];
            if (configs[k].tail && nets[k] < 0) solvent = false;
        }
    }

    /// @notice Step (1): nets every Record. Returns the net virtual balance per table index, the table indexes
    ///         of the tokens in order of first appearance, and the number of all-tail Records.
    function netAll(Record[] memory records, address[] memory tokens, TokenConfig[] memory configs)
        internal
        pure
        returns (int256[] memory nets, uint256[] memory order, uint256 tailRecords)
    {
        // `order` lists the table indexes of the tokens in order of first appearance (the order of every output
        // and later check). It has room for a second half: order[tokens.length + k] != 0 marks table index k as
        // listed (a look-up instead of a scan of the list); it is cut to its `used` entries below.
        nets = new int256[](tokens.length);
        order = new uint256[](2 * tokens.length);
        // The table's look-up hints, in the scratch word at the free memory pointer, where netRecord reads them
        // (nothing is allocated until the netting ends).
        uint256 hint = tokens.length > 4 ? hints(tokens) : 0; // a short table: the scan is as cheap
        assembly ("memory-safe") {
            mstore(mload(0x40), hint)
        }
        uint256 used;
        for (uint256 r; r < records.length; ++r) {
            bool allTail;
            (allTail, used) = netRecord(records[r], tokens, configs, nets, order, used);
            if (allTail) ++tailRecords;
        }
        assembly ("memory-safe") {
            mstore(order, used)
        }
    }

    /// @notice Step (3): the all-tail Records' fixed debt subtracted from the USD net. tailRecords < 2^64 and
    ///         tailRecordUsdDebt < 2^128 (the PM bounds it): the product fits.
    function withTailDebt(int256 usdNet, uint256 tailRecordUsdDebt, uint256 tailRecords) internal pure returns (int256) {
        (bool ok, int256 total) = addSigned(usdNet, -int256(tailRecordUsdDebt * tailRecords));
        if (!ok) revert SolvencyOverflow();
        return total;
    }

    /// @notice Fills `b.tokens`, `b.nets` and `b.failingTails`, in order of first appearance.
    function collectNets(
        Breakdown memory b,
        address[] memory tokens,
        TokenConfig[] memory configs,
        int256[] memory nets,
        uint256[] memory order
    ) internal pure {
        uint256 n = order.length;
        b.tokens = new address[](n);
        b.nets = new int256[](n);
        address[] memory failing = new address[](n);
        uint256 failingCount;
        for (uint256 i; i < n; ++i) {
            uint256 k = order[i];
            (b.tokens[i], b.nets[i]) = (tokens[k], nets[k]);
            if (configs[k].tail && nets[k] < 0) failing[failingCount++] = tokens[k];
        }
        assembly ("memory-safe") {
            mstore(failing, failingCount) // shrink to the failing tails found
        }
        b.failingTails = failing;
    }

    /// @notice Sum of the held blue-chips' USD values, in order of first appearance.
    function sumUsd(
        address[] memory tokens,
        TokenConfig[] memory configs,
        Price[] memory prices,
        int256[] memory nets,
        uint256[] memory order
    ) internal pure returns (int256 usdNet) {
        for (uint256 i; i < order.length; ++i) {
            uint256 k = order[i];
            if (configs[k].tail) continue;
            (bool ok, int256 sum) = addSigned(usdNet, usdValue(nets[k], prices[k], configs[k].decimals, tokens[k]));
            if (!ok) revert SolvencyOverflow();
            usdNet = sum;
        }
    }

    /// @notice Adds one Record's virtual balances to `nets`, appending newly seen tokens to `order` (whose
    ///         second half marks the table indexes already listed).
    /// @return allTail whether the Record has tokens and all of them are tail tokens.
    /// @return used the number of entries of `order` in use.
    function netRecord(
        Record memory rec,
        address[] memory tokens,
        TokenConfig[] memory configs,
        int256[] memory nets,
        uint256[] memory order,
        uint256 used
    ) internal pure returns (bool allTail, uint256) {
        uint256 m = rec.tokens.length;
        // The Record's table indexes, in scratch memory above the free pointer (nothing is allocated while
        // they are in use), after the word netAll put the table's hints in: one word per token.
        uint256 idx;
        assembly ("memory-safe") {
            idx := add(mload(0x40), 32)
        }
        uint256 vR;
        allTail = m != 0;
        for (uint256 j; j < m; ++j) {
            uint256 k = indexOf(tokens, scratchHint(), rec.tokens[j]);
            assembly ("memory-safe") {
                mstore(add(idx, shl(5, j)), k)
            }
            uint256 v = configs[k].varianceX64;
            if (v <= ONE_X64 || v > MAX_VARIANCE_X64) revert InvalidVarianceFactor(tokens[k]);
            if (order[tokens.length + k] == 0) {
                order[tokens.length + k] = 1;
                order[used++] = k;
            }
            if (v > vR) vR = v;
            if (!configs[k].tail) allTail = false;
        }
        for (uint256 j; j < m; ++j) {
            uint256 credit = rec.credit[j];
            uint256 debtAndDelta = rec.debt[j];
            uint256 delta = rec.delta[j];
            if (credit >= AMOUNT_LIMIT || debtAndDelta >= AMOUNT_LIMIT || delta >= AMOUNT_LIMIT) revert SolvencyOverflow();
            // Unchecked: the bounds below hold for every input that passed the checks above, so no step
            // can overflow (the compiler's overflow checks could never fire; the results are the same).
            unchecked {
                debtAndDelta += delta;
                // credit < 2^128 and v_R > 2^64: vc < 2^128. debt + delta < 2^129, v_R <= 2^72: vd < 2^201
                // before the division, < 2^137 after.
                uint256 vc = (credit << 64) / vR;
                uint256 vd = divRoundingUp(debtAndDelta * vR, ONE_X64);
                // |net| stays below 2^137 * records.length: no int256 overflow for any array that fits memory.
                uint256 k;
                assembly ("memory-safe") {
                    k := mload(add(idx, shl(5, j)))
                }
                nets[k] += int256(vc) - int256(vd);
            }
        }
        return (allTail, used);
    }

    /*//////////////////////////////////////////////////////////////
                                HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @notice USD value (18 decimals) of a signed token amount.
    /// @dev Equivalent to floor(net * a * 10^18 / 10^(td + fd)) for net >= 0 and
    ///      -ceil(-net * a * 10^18 / 10^(td + fd)) below zero: a debt's value rounds up, a credit's down.
    function usdValue(int256 net, Price memory price, uint8 tokenDecimals, address token) internal pure returns (int256) {
        if (price.answer <= 0 || uint256(price.answer) >= ANSWER_LIMIT || price.decimals > MAX_DECIMALS) {
            revert InvalidPrice(token);
        }
        if (net == 0) return 0;
        // a < 2^128, so a * 10^18 < 2^188; td + fd <= 72, so 10^(td + fd) < 2^240.
        uint256 num = uint256(price.answer) * 1e18;
        uint256 den = 10 ** (uint256(tokenDecimals) + price.decimals);
        uint256 mag;
        if (net > 0) {
            mag = FullMath.mulDiv(uint256(net), num, den);
        } else {
            mag = FullMath.mulDivRoundingUp(uint256(-net), num, den);
        }
        if (mag > uint256(type(int256).max)) revert SolvencyOverflow();
        return net > 0 ? int256(mag) : -int256(mag);
    }

    /// @notice Look-up hints of a token table: byte b (b < 32) holds 1 + the index of the last token of the
    ///         first 255 whose address ends in b (its low 5 bits), 0 if none.
    function hints(address[] memory tokens) internal pure returns (uint256 hint) {
        uint256 n = tokens.length;
        if (n > 255) n = 255;
        assembly ("memory-safe") {
            for { let k := 0 } lt(k, n) { k := add(k, 1) } {
                let b := shl(3, and(mload(add(tokens, shl(5, add(k, 1)))), 31))
                hint := or(and(hint, not(shl(b, 0xff))), shl(b, add(k, 1)))
            }
        }
    }

    /// @notice The hints netAll keeps in the scratch word at the free memory pointer while it nets.
    function scratchHint() internal pure returns (uint256 hint) {
        assembly ("memory-safe") {
            hint := mload(mload(0x40))
        }
    }

    /// @notice Index of `token` in `tokens` (whose `hints` are `hint`); UnknownToken if absent.
    /// @dev The hot loop of every check: the hinted index first, then a plain word scan (the tokens of a table
    ///      are distinct, so either finds the same index).
    function indexOf(address[] memory tokens, uint256 hint, address token) internal pure returns (uint256 k) {
        uint256 n = tokens.length;
        bool found;
        assembly ("memory-safe") {
            let p := add(tokens, 32)
            let h := and(shr(shl(3, and(token, 31)), hint), 0xff)
            if h {
                if eq(mload(add(p, shl(5, sub(h, 1)))), token) {
                    k := sub(h, 1)
                    found := 1
                }
            }
            if iszero(found) {
                for {} lt(k, n) { k := add(k, 1) } {
                    if eq(mload(add(p, shl(5, k))), token) {
                        found := 1
                        break
                    }
                }
            }
        }
        if (!found) revert UnknownToken(token);
    }

    /// @notice Equivalent to ceil(a / b) for b > 0.
    function divRoundingUp(uint256 a, uint256 b) internal pure returns (uint256) {
        return a == 0 ? 0 : (a - 1) / b + 1;
    }

    /// @notice a + b, with ok = false instead of a panic when the sum leaves int256.
    function addSigned(int256 a, int256 b) internal pure returns (bool ok, int256 c) {
        unchecked {
            c = a + b;
        }
        ok = (b >= 0) == (c >= a);
    }
}
