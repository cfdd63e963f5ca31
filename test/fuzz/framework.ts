// The differential fuzzing framework: targets, batched evaluation, comparison, shrinking and
// regression-test printing. A target knows how to evaluate a batch of generated inputs on both
// sides (contracts on the in-process Hardhat network, Wasm bindings) and says, per input, whether
// the two sides agree. Reverts agree only with a typed throw of the same name.
import fc from "fast-check";
import type { Interface } from "ethers";

/** What one side produced for one input: a value, or a failure named like the Solidity custom error. */
export type Outcome<O> = { ok: true; value: O } | { ok: false; error: string };

/** Per-input verdict of a batch evaluation. */
export interface Verdict {
  agree: boolean;
  /** What the contract side did: "value" or the revert's error name (coverage statistics). */
  kind?: string;
  /** Stateful targets: counts of step outcomes (e.g. "swap", "mint:TickLiquidityOverflow"). */
  stats?: Record<string, number>;
  /** Both sides' outcomes, printable (used in reports and regression comments). */
  detail: string;
}

/** What targets share: the network connection and lazily deployed contracts. */
export interface FuzzContext {
  ethers: any;
  /** Deploys `name` once per context and returns it. */
  contract(name: string, args?: unknown[]): Promise<any>;
  /** Per-target scratch state (e.g. deployed pools), keyed by target name. */
  state: Map<string, any>;
}

export interface Target<I> {
  name: string;
  /** "stateless" targets are cheap per input; "stateful" inputs are whole action sequences. */
  kind: "stateless" | "stateful";
  arb: fc.Arbitrary<I>;
  /** Evaluates inputs (in order) and returns one verdict per input. */
  evaluate(ctx: FuzzContext, inputs: I[]): Promise<Verdict[]>;
  /** Inputs per evaluate call (stateless: eth_call batch size, halved on out-of-gas). */
  batch: number;
}

export interface Mismatch<I> {
  target: string;
  seed: number;
  index: number;
  input: I;
  detail: string;
}

export interface RunResult<I> {
  target: string;
  cases: number;
  /** Contract outcomes by kind ("value" or an error name), to see what the inputs reached. */
  kinds: Record<string, number>;
  /** Final batch size (halved from target.batch on out-of-gas). */
  batch: number;
  mismatches: Mismatch<I>[];
  ms: number;
}

/** Per-transaction gas cap of the network: every batch eth_call is sent with it. */
export const GAS_CAP = 16_777_216;

export async function createContext(ethers: any): Promise<FuzzContext> {
  const deployed = new Map<string, Promise<any>>();
  return {
    ethers,
    state: new Map(),
    contract(name, args = []) {
      const key = `${name}(${args.map(String).join(",")})`;
      if (!deployed.has(key)) deployed.set(key, ethers.deployContract(name, args));
      return deployed.get(key)!;
    },
  };
}

/** Generates `runs` inputs of `target` with `seed` (the same stream fc.check uses, so index i is path "i"). */
export function generate<I>(target: Target<I>, seed: number, runs: number): I[] {
  return fc.sample(target.arb, { seed, numRuns: runs });
}

/** Runs a target over `runs` generated inputs in batches; reports every disagreement. */
export async function runTarget<I>(
  ctx: FuzzContext,
  target: Target<I>,
  seed: number,
  runs: number,
  progress?: (done: number, total: number) => void,
): Promise<RunResult<I>> {
  const t0 = performance.now();
  const inputs = generate(target, seed, runs);
  const mismatches: Mismatch<I>[] = [];
  const kinds: Record<string, number> = {};
  let batch = target.batch;
  for (let i = 0; i < inputs.length; ) {
    const part = inputs.slice(i, i + batch);
    let verdicts: Verdict[];
    try {
      verdicts = await target.evaluate(ctx, part);
    } catch (e) {
      if (isOutOfGas(e) && batch > 1) {
        batch = Math.max(1, batch >> 1);
        continue;
      }
      throw e;
    }
    verdicts.forEach((v, j) => {
      if (v.kind) kinds[v.kind] = (kinds[v.kind] ?? 0) + 1;
      for (const [k, n] of Object.entries(v.stats ?? {})) kinds[k] = (kinds[k] ?? 0) + n;
      if (!v.agree) mismatches.push({ target: target.name, seed, index: i + j, input: part[j], detail: v.detail });
    });
    i += part.length;
    progress?.(i, inputs.length);
  }
  return { target: target.name, cases: inputs.length, kinds, batch, mismatches, ms: performance.now() - t0 };
}

function isOutOfGas(e: unknown): boolean {
  const m = String((e as any)?.message ?? e);
  return /out of gas|gas required exceeds|exceeds block gas limit|transaction gas limit|gas limit/i.test(m);
}

/** Evaluates one input alone (one eth_call or one sequence). */
export async function evaluateOne<I>(ctx: FuzzContext, target: Target<I>, input: I): Promise<Verdict> {
  return (await target.evaluate(ctx, [input]))[0];
}

/**
 * Replays the failing input with fast-check (seed and path "index") and shrinks it, evaluating
 * each candidate alone. Returns the smallest failing input found and its verdict.
 */
export async function shrink<I>(ctx: FuzzContext, target: Target<I>, m: Mismatch<I>, timeLimitMs = 300_000): Promise<{ input: I; detail: string; shrinks: number }> {
  let last: Verdict | undefined;
  const out = await fc.check(
    fc.asyncProperty(target.arb, async (x) => {
      const v = await evaluateOne(ctx, target, x);
      if (!v.agree) last = v;
      return v.agree;
    }),
    // Shrinking stops at the time limit with the smallest failure found so far.
    { seed: m.seed, path: String(m.index), interruptAfterTimeLimit: timeLimitMs },
  );
  if (!out.failed || out.counterexample === null) return { input: m.input, detail: m.detail, shrinks: 0 };
  const input = out.counterexample[0] as I;
  const v = await evaluateOne(ctx, target, input);
  return { input, detail: v.agree ? last?.detail ?? m.detail : v.detail, shrinks: out.numShrinks };
}

/** Source text of a value: bigint literals, numbers, booleans, strings, arrays and plain objects. */
export function toSource(v: unknown): string {
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "number") return Object.is(v, -0) ? "0" : String(v);
  if (typeof v === "boolean" || v === null || v === undefined) return String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(toSource).join(", ")}]`;
  if (typeof v === "object") {
    return `{ ${Object.entries(v as object).map(([k, x]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${toSource(x)}`).join(", ")} }`;
  }
  throw new Error(`toSource: cannot print ${typeof v}`);
}

/** A ready-to-paste vitest case for test/fuzz/regressions.test.ts. */
export function regressionTest<I>(target: string, input: I, detail: string, seed: number): string {
  const comment = detail.split("\n").map((l) => `    // ${l}`).join("\n");
  return [
    `  it(${JSON.stringify(`${target}: counterexample found with seed ${seed}`)}, async () => {`,
    comment,
    `    await expectAgree(${JSON.stringify(target)}, ${toSource(input)});`,
    `  });`,
  ].join("\n");
}

// ------------------------------------------------------------------ stateless targets

/** Name of a typed bindings error as the Solidity custom error: the class name minus `Error`. */
export function errorName(e: unknown): string {
  const name = (e as any)?.constructor?.name ?? typeof e;
  // Only the bindings' typed errors count; anything else (TypeError, RangeError...) is a bug.
  if ((e as any)?.shortMessage !== undefined && name.endsWith("Error")) return name.slice(0, -5);
  return `uncaught ${name}: ${(e as any)?.message ?? e}`;
}

/** Runs a Wasm binding and captures its outcome. */
export function wasmOutcome<O>(f: () => O): Outcome<O> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, error: errorName(e) };
  }
}

/** Names a revert selector through the harness ABI (custom errors, Panic, Error(string)). */
export function selectorName(iface: Interface, sel: string): string {
  if (sel === "0x4e487b71") return "Panic";
  if (sel === "0x08c379a0") return "Error(string)";
  if (sel === "0x00000000") return "empty revert";
  try {
    return iface.getError(sel)?.name ?? `unknown selector ${sel}`;
  } catch {
    return `unknown selector ${sel}`;
  }
}

/** Turns a harness batch result (values, ok flags, selectors) into outcomes. */
export function batchOutcomes<O>(iface: Interface, res: [any[], boolean[], string[]], map: (v: any) => O): Outcome<O>[] {
  const [values, ok, sel] = res;
  return ok.map((k, i) => (k ? { ok: true, value: map(values[i]) } : { ok: false, error: selectorName(iface, sel[i]) }));
}

function show(o: Outcome<unknown>): string {
  return o.ok ? toSource(o.value) : `revert ${o.error}`;
}

/** Deep equality over bigint / number / boolean / arrays / objects. */
export function same(a: unknown, b: unknown): boolean {
  return toSource(a) === toSource(b);
}

/**
 * A stateless target: `contract` evaluates a batch through a harness (one eth_call), `wasm`
 * evaluates one input through the bindings. Agreement: equal values, or the same error name.
 */
export function stateless<I, O>(spec: {
  name: string;
  arb: fc.Arbitrary<I>;
  batch: number;
  contract: (ctx: FuzzContext, inputs: I[]) => Promise<Outcome<O>[]>;
  wasm: (input: I) => O;
}): Target<I> {
  return {
    name: spec.name,
    kind: "stateless",
    arb: spec.arb,
    batch: spec.batch,
    async evaluate(ctx, inputs) {
      const chain = await spec.contract(ctx, inputs);
      // An inner call starved of gas near the end of a large batch reverts empty: such an input
      // is evaluated again on its own before it can count as a mismatch.
      for (let i = 0; i < inputs.length; i++) {
        const c = chain[i];
        if (inputs.length > 1 && !c.ok && c.error === "empty revert") chain[i] = (await spec.contract(ctx, [inputs[i]]))[0];
      }
      return inputs.map((input, i) => {
        const c = chain[i];
        const w = wasmOutcome(() => spec.wasm(input));
        const agree = c.ok && w.ok ? same(c.value, w.value) : !c.ok && !w.ok && c.error === w.error;
        return { agree, kind: c.ok ? "value" : c.error, detail: `contract: ${show(c)}\nwasm:     ${show(w)}` };
      });
    },
  };
}
