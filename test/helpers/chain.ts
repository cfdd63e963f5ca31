// One in-process Hardhat network per test file.
import hre from "hardhat";

export async function network() {
  return hre.network.create();
}
