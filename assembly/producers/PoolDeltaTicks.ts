// Twin of contracts/producers/PoolDeltaTicks.sol: the price move (ticks) a producer's delta covers for a pool.

/** Price move used when a pool has no setting: 1000 ticks (about 10.5%). */
export const DEFAULT_DELTA_TICKS: i32 = 1000;

/** The price move of a pool whose stored setting is `stored` (0: none). */
export function deltaTicks(stored: i32): i32 {
  return stored == 0 ? DEFAULT_DELTA_TICKS : stored;
}
