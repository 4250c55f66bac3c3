import { JEFFREYS, type Prior, type Proportion, twoSampleLogE } from './e-values.ts';

export type Direction = 'increase' | 'decrease' | 'either';

/**
 * ln e-value of a relative metric in the direction that is bad. `increase` tests canary ≤ stable +
 * margin (the default); `decrease` tests stable ≤ canary + margin, the arms swapped with their
 * priors; `either` tests both, each at half the check's α (a union bound: the larger ln e-value
 * less ln 2 is compared with the check's threshold), so the guarantee is unchanged.
 */
export function directionalLogE(
  canary: Proportion,
  stable: Proportion,
  margin: number,
  priors: { canary?: Prior; stable?: Prior },
  direction: Direction,
): number {
  const up = () => twoSampleLogE(canary, stable, margin, priors);
  const down = () =>
    twoSampleLogE(stable, canary, margin, {
      ...(priors.stable ? { canary: priors.stable } : {}),
      stable: priors.canary ?? JEFFREYS,
    });
  if (direction === 'increase') return up();
  if (direction === 'decrease') return down();
  return Math.max(up(), down()) - Math.LN2;
}
