// Compiles the contracts once before any test file runs, so `npm test` needs
// no separate manual step and every Hardhat-network test sees fresh artifacts.
export default async function setup(): Promise<void> {
  const { default: hre } = await import("hardhat");
  await hre.tasks.getTask("build").run({ quiet: true, noTests: true });
}
