// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITwoSidedPoolImmutables} from "./pool/ITwoSidedPoolImmutables.sol";
import {ITwoSidedPoolState} from "./pool/ITwoSidedPoolState.sol";
import {ITwoSidedPoolDerivedState} from "./pool/ITwoSidedPoolDerivedState.sol";
import {ITwoSidedPoolActions} from "./pool/ITwoSidedPoolActions.sol";
import {ITwoSidedPoolOwnerActions} from "./pool/ITwoSidedPoolOwnerActions.sol";
import {ITwoSidedPoolEvents} from "./pool/ITwoSidedPoolEvents.sol";
import {ITwoSidedPoolErrors} from "./pool/ITwoSidedPoolErrors.sol";

/// @title The 2sAMM pool: makers, takers, dynamic fee, time premiums. See docs/amm.md.
interface ITwoSidedPool is
    ITwoSidedPoolImmutables,
    ITwoSidedPoolState,
    ITwoSidedPoolDerivedState,
    ITwoSidedPoolActions,
    ITwoSidedPoolOwnerActions,
    ITwoSidedPoolEvents,
    ITwoSidedPoolErrors
{}
