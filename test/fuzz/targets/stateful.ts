// Stateful targets: random action sequences on deployed pools, mirrored on the Wasm Pool.
import type { Target } from "../framework.js";

export function statefulTargets(): Target<any>[] {
  return [];
}
