// The keeper's private key: from an environment variable or a file, never from the command line's
// log output. Nothing here prints it; `redact` removes it from any line before it is logged.
import { readFileSync } from "node:fs";

/**
 * `spec` is `env:NAME` (the variable NAME), `file:PATH` (the first line of PATH), or absent
 * (KEEPER_PRIVATE_KEY). Returns undefined when none is set.
 */
export function loadKey(spec: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  let key: string | undefined;
  if (spec === undefined) key = env.KEEPER_PRIVATE_KEY;
  else if (spec.startsWith("env:")) key = env[spec.slice(4)];
  else if (spec.startsWith("file:")) key = readFileSync(spec.slice(5), "utf8").split(/\r?\n/)[0];
  else throw new Error("--key takes env:NAME or file:PATH (a key itself would be visible in the process list and shell history)");
  key = key?.trim();
  if (key === undefined || key === "") return undefined;
  if (!/^(0x)?[0-9a-fA-F]{64}$/.test(key)) throw new Error("the private key is not 32 hex bytes");
  return key.startsWith("0x") ? key : `0x${key}`;
}

/** Replaces the key (with or without 0x) in a line by a placeholder. */
export function redact(line: string, key: string | undefined): string {
  if (!key) return line;
  const bare = key.replace(/^0x/, "");
  return line.split(bare).join("<key>");
}
