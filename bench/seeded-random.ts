/**
 * The benches' seeded generator (a linear congruential one, uniform on [0, 1)): the same seed
 * replays the same traffic, kills and figures.
 */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/**
 * mulberry32: a small fast seeded generator, uniform on [0, 1), for the judge's simulations and
 * the judge's test fixtures, so every judge and every fixture replays the same traffic.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
