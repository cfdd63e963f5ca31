// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Record} from "../interfaces/IProducer.sol";
import {Solvency} from "../libraries/Solvency.sol";

/// @title SolvencyHarness
/// @notice External wrappers over the Solvency library for differential tests against the Wasm core.
///         The batch form checks many portfolios against one token table in a single eth_call; a
///         reverting portfolio is reported by its revert data instead of aborting the batch.
contract SolvencyHarness {
    function check(
        Record[] memory records,
        address[] memory tokens,
        Solvency.TokenConfig[] memory configs,
        Solvency.Price[] memory prices,
        uint256 tailRecordUsdDebt
    ) public pure returns (Solvency.Breakdown memory) {
        return Solvency.check(records, tokens, configs, prices, tailRecordUsdDebt);
    }

    /// @notice The verdict the Portfolio Manager's checks use (`Solvency.verdict`).
    function verdict(
        Record[] memory records,
        address[] memory tokens,
        Solvency.TokenConfig[] memory configs,
        Solvency.Price[] memory prices,
        uint256 tailRecordUsdDebt
    ) external pure returns (bool solvent, int256 usdNet) {
        return Solvency.verdict(records, tokens, configs, prices, tailRecordUsdDebt);
    }

    /// @notice `check` for each portfolio. For each i: ok[i] is false and err[i] the revert data when it reverts.
    function checkBatch(
        Record[][] calldata portfolios,
        address[] calldata tokens,
        Solvency.TokenConfig[] calldata configs,
        Solvency.Price[] calldata prices,
        uint256 tailRecordUsdDebt
    ) external view returns (Solvency.Breakdown[] memory out, bool[] memory ok, bytes[] memory err) {
        uint256 n = portfolios.length;
        out = new Solvency.Breakdown[](n);
        ok = new bool[](n);
        err = new bytes[](n);
        for (uint256 i; i < n; ++i) {
            try this.check(portfolios[i], tokens, configs, prices, tailRecordUsdDebt) returns (Solvency.Breakdown memory b) {
                (out[i], ok[i]) = (b, true);
            } catch (bytes memory reason) {
                err[i] = reason;
            }
        }
    }

    /// @notice One self-contained input of `checkCases`: Records, token table and prices.
    struct Case {
        Record[] records;
        address[] tokens;
        Solvency.TokenConfig[] configs;
        Solvency.Price[] prices;
        uint256 tailRecordUsdDebt;
    }

    /// @notice `check` for inputs with their own token tables. For each i: ok[i] is false and err[i]
    ///         the revert data when it reverts.
    function checkCases(Case[] calldata cases)
        external
        view
        returns (Solvency.Breakdown[] memory out, bool[] memory ok, bytes[] memory err)
    {
        uint256 n = cases.length;
        out = new Solvency.Breakdown[](n);
        ok = new bool[](n);
        err = new bytes[](n);
        for (uint256 i; i < n; ++i) {
            Case calldata c = cases[i];
            try this.check(c.records, c.tokens, c.configs, c.prices, c.tailRecordUsdDebt) returns (Solvency.Breakdown memory b) {
                (out[i], ok[i]) = (b, true);
            } catch (bytes memory reason) {
                err[i] = reason;
            }
        }
    }
}
