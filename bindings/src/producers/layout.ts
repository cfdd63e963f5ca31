/**
 * Internal: the "producers" section of assembly/layout.ts, as the TypeScript side reads it (until the generated
 * layout module replaces these lines, each must equal its namesake there).
 * @module
 */
export const PL_INDEX0 = 0, PL_INDEX1 = 2, PL_BORROW_LOW0 = 4, PL_BORROW_LOW1 = 6, PL_ACTIVE = 8, PL_TIME = 9;
export const PL_BORROW_NOW0 = 10, PL_BORROW_NOW1 = 14;
export const PA_NOW = 0, PA_BORROW0 = 1, PA_BORROW1 = 5;
export const LT_TICK = 0, LT_LAST_INDEX0 = 1, LT_LAST_INDEX1 = 3, LT_MAKER0 = 5, LT_MAKER1 = 9, LT_TAKER0 = 13, LT_TAKER1 = 17;
export const LEDGER_TICK_WORDS = 21;
export const MK_LIQUIDITY = 0, MK_LAST = 2, MK_OWED0 = 18, MK_OWED1 = 20, MAKER_WORDS = 22;
export const TK_LIQUIDITY = 0, TK_LAST = 2, TK_OWED0 = 18, TK_OWED1 = 22, TK_LENT0 = 26, TK_LENT1 = 30, TAKER_WORDS = 34;
export const MV_SQRT_PRICE = MAKER_WORDS, TV_SQRT_PRICE = TAKER_WORDS;
export const BV_TAKER = MAKER_WORDS, BV_MAKER_LIQUIDITY = MAKER_WORDS + TAKER_WORDS;
export const BV_TAKER_LIQUIDITY = MAKER_WORDS + TAKER_WORDS + 2, BV_SQRT_PRICE = MAKER_WORDS + TAKER_WORDS + 4;
export const MO_AMOUNT0 = 0, MO_AMOUNT1 = 4, MO_OWED0 = 8, MO_OWED1 = 12;
export const TO_LENT0 = 0, TO_LENT1 = 4, TO_RETURN0 = 8, TO_RETURN1 = 12, TO_DEBT0 = 16, TO_DEBT1 = 20;
export const RO_CREDIT0 = 0, RO_CREDIT1 = 4, RO_DEBT0 = 8, RO_DEBT1 = 12, RO_DELTA0 = 16, RO_DELTA1 = 20;
export const GO_MAKER0 = 0, GO_MAKER1 = 4, GO_TAKER0 = 8, GO_TAKER1 = 12;
