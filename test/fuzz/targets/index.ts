// The one registry of fuzz targets: the CLI, the CI tests and the regression tests all look
// targets up here by name.
import type { Target } from "../framework.js";
import { statelessTargets } from "./stateless.js";
import { statefulTargets } from "./stateful.js";
import { solvencyTargets } from "./solvency.js";
import { pmTargets } from "./pm.js";
import { twoSidedTargets } from "./twoSided.js";
import { integratorTargets } from "./integrators.js";
import { portfolioTargets } from "./portfolio.js";

let all: Target<any>[] | undefined;

export function targets(): Target<any>[] {
  all ??= [...statelessTargets(), ...solvencyTargets(), ...integratorTargets(), ...statefulTargets(), ...twoSidedTargets(), ...pmTargets(), ...portfolioTargets()];
  return all;
}

export function target(name: string): Target<any> {
  const t = targets().find((x) => x.name === name);
  if (!t) throw new Error(`no fuzz target named ${JSON.stringify(name)}; known: ${targets().map((x) => x.name).join(", ")}`);
  return t;
}

/** Targets selected by a comma-separated list of names or name prefixes (all when empty). */
export function select(only: string | undefined): Target<any>[] {
  if (!only) return targets();
  const keys = only.split(",").map((s) => s.trim()).filter(Boolean);
  const picked = targets().filter((t) => keys.some((k) => t.name === k || t.name.startsWith(k)));
  if (picked.length === 0) throw new Error(`--only ${only}: no target matches; known: ${targets().map((x) => x.name).join(", ")}`);
  return picked;
}
