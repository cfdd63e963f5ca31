// Uniswap V3's real contracts (factory, NonfungiblePositionManager, SwapRouter) deployed from the
// compiled artifacts shipped in @uniswap/v3-core and @uniswap/v3-periphery.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const artifact = (pkg: string, file: string, name: string) =>
  JSON.parse(readFileSync(require.resolve(`${pkg}/artifacts/contracts/${file}/${name}.json`), "utf8"));

export const UniswapV3Factory = artifact("@uniswap/v3-core", "UniswapV3Factory.sol", "UniswapV3Factory");
export const UniswapV3Pool = artifact("@uniswap/v3-core", "UniswapV3Pool.sol", "UniswapV3Pool");
export const NonfungiblePositionManager = artifact("@uniswap/v3-periphery", "NonfungiblePositionManager.sol", "NonfungiblePositionManager");
export const SwapRouter = artifact("@uniswap/v3-periphery", "SwapRouter.sol", "SwapRouter");

/** Deploys factory, position manager and router. WETH9 is any ERC-20 (no ETH is used), the descriptor any address. */
export async function deployUniswap(ethers: any, signer: any, weth9: string) {
  const make = (a: any) => new ethers.ContractFactory(a.abi, a.bytecode, signer);
  const factory: any = await make(UniswapV3Factory).deploy();
  const F = await factory.getAddress();
  const npm: any = await make(NonfungiblePositionManager).deploy(F, weth9, signer.address);
  const router: any = await make(SwapRouter).deploy(F, weth9);
  return { factory, npm, router, poolAt: (a: string) => new ethers.Contract(a, UniswapV3Pool.abi, signer) as any };
}

/** floor(sqrt(n)) */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x = (x + n / x) >> 1n;
  while ((x + 1n) * (x + 1n) <= n) x++;
  return x;
}

/** sqrt(amount1 / amount0) in Q64.96. */
export const encodeSqrtPrice = (amount1: bigint, amount0: bigint) => isqrt((amount1 << 192n) / amount0);
