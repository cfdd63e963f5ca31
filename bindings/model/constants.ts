/**
 * Integer bounds and fixed-point units shared by the model's modules.
 * @module
 */

/** 2^96: the unit of a Q64.96 sqrt price. */
export const Q96 = 1n << 96n;
/** 2^128: the unit of an X128 fee growth. */
export const Q128 = 1n << 128n;
/** 2^64: the unit of an X64 ratio (variance factors). */
export const Q64 = 1n << 64n;

export const MAX_UINT128 = (1n << 128n) - 1n;
export const MAX_UINT160 = (1n << 160n) - 1n;
export const MAX_UINT256 = (1n << 256n) - 1n;
export const MIN_INT128 = -(1n << 127n);
export const MAX_INT128 = (1n << 127n) - 1n;
export const MIN_INT256 = -(1n << 255n);
export const MAX_INT256 = (1n << 255n) - 1n;

/** One million: fees and shares are expressed in pips (millionths). */
export const PIPS = 1_000_000;
