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
