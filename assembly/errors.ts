// Error codes returned by every exported function. Each name is the custom
// error the Solidity twin reverts with; bindings/src/errors.ts maps the code to
// a typed Error subclass of the same name. Keep the three lists in step.

export const OK: i32 = 0;
export const E_LIQUIDITY_UNDERFLOW: i32 = 1; // LiquidityUnderflow()
export const E_LIQUIDITY_OVERFLOW: i32 = 2; // LiquidityOverflow()
