import { logBeta, xlogy } from './log-gamma.ts';

/**
 * Always-valid tests of failure proportions, as log e-values.
 *
 * Each is a mixture likelihood ratio (the mSPRT): the numerator integrates the Bernoulli
 * likelihood of everything seen over a Beta prior per arm (the beta-binomial marginal, exact for
 * any count, no normal approximation); the denominator is the largest
 * likelihood any null hypothesis allows. For every parameter in the null, numerator ÷ that
 * parameter's likelihood is a non-negative martingale with mean 1, and the denominator is at least
 * that likelihood, so by Ville's inequality P(the e-value ever reaches 1/α) ≤ α — however many
 * times it is looked at, and whenever the looks happen. The value depends only on the cumulative
 * counts, so a look needs no state but the counts.
 *
 * The priors only buy power, never validity: any prior fixed before the deployment's data keeps the
 * bound. The canary's default, Beta(1, 9) (mean 10 %), puts its mass where rollback-worthy failure
 * rates live; the stable's is centred on its rate in the hour before the deployment.
 */

/** A Beta(a, b) prior. */
export type Prior = readonly [number, number];
export const JEFFREYS: Prior = [0.5, 0.5];
export const CANARY_PRIOR: Prior = [1, 9];

/** A prior centred on a rate seen before the deployment, worth `weight` requests (plus Jeffreys). */
export function priorAt(rate: number, weight: number): Prior {
  const p = Math.min(1, Math.max(0, rate));
  return [0.5 + p * weight, 0.5 + (1 - p) * weight];
}

export interface Proportion {
  /** Trials (requests). */
  n: number;
  /** Events among them (failed, slow, …), 0 ≤ x ≤ n. */
  x: number;
}

/** ln of the Beta-mixture probability of a particular sequence with x events in n trials. */
function logMixture({ n, x }: Proportion, [a, b]: Prior): number {
  return logBeta(a + x, b + n - x) - logBeta(a, b);
}

/** ln of the Bernoulli likelihood of x events in n trials at rate p. */
function logLik({ n, x }: Proportion, p: number): number {
  return xlogy(x, p) + xlogy(n - x, 1 - p);
}

const clean = (a: Proportion): Proportion => ({
  n: Math.max(0, a.n),
  x: Math.min(Math.max(0, a.x), Math.max(0, a.n)),
});

/** ln e-value against H0: rate ≤ p0 (one arm against a fixed limit). */
export function oneSampleLogE(arm: Proportion, p0: number, prior = CANARY_PRIOR): number {
  const a = clean(arm);
  if (a.n === 0) return 0;
  return logMixture(a, prior) - logLik(a, Math.min(a.x / a.n, p0));
}

/**
 * ln e-value against H0: canary rate ≤ stable rate + margin (margin in [0, 1)). With no stable
 * data the null allows any canary rate, so nothing is ever rejected.
 */
export function twoSampleLogE(
  canary: Proportion,
  stable: Proportion,
  margin: number,
  priors: { canary?: Prior; stable?: Prior } = {},
): number {
  const c = clean(canary);
  const s = clean(stable);
  if (c.n === 0 || s.n === 0) return 0;
  const num =
    logMixture(c, priors.canary ?? CANARY_PRIOR) + logMixture(s, priors.stable ?? JEFFREYS);
  const pc = c.x / c.n;
  const ps = s.x / s.n;
  if (pc - ps <= margin) return num - logLik(c, pc) - logLik(s, ps);
  return num - boundaryMaxLogLik(c, s, margin);
}

/**
 * The null's best fit when the data lie outside it: on the boundary pc = ps + margin, the
 * log-likelihood is concave in ps, so bisection on its derivative finds the maximum.
 */
function boundaryMaxLogLik(proportion: Proportion, s: Proportion, margin: number): number {
  const f = (ps: number) => logLik(proportion, ps + margin) + logLik(s, ps);
  const df = (ps: number) =>
    proportion.x / (ps + margin) -
    (proportion.n - proportion.x) / (1 - ps - margin) +
    s.x / ps -
    (s.n - s.x) / (1 - ps);
  let lo = 0;
  let hi = 1 - margin;
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (df(mid) > 0) lo = mid;
    else hi = mid;
  }
  const best = (lo + hi) / 2;
  return Math.max(f(best), s.x === 0 ? f(0) : Number.NEGATIVE_INFINITY);
}

/** The threshold an e-value must reach to reject at level α. */
export const logThreshold = (alpha: number) => Math.log(1 / alpha);
