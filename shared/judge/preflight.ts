import type { JudgeSettings } from '../model/judge-settings.ts';
import { bucketOf, bucketValue } from '../telemetry/histogram.ts';
import { logThreshold, twoSampleLogE } from './e-values.ts';
import { ALPHA_SHARES } from './settings.ts';

/** The standard normal quantile for 95 % power. */
const Z95 = 1.645;

export interface PlanStep {
  weight: number;
  pause_seconds: number;
}

/**
 * How many canary requests the two-sample test needs to reject `canaryRate` against `stableRate`
 * with about 95 % power, when `stablePerCanary` stable requests arrive per canary request.
 * The e-value is evaluated at the 5th percentile of the observed difference (all its variance put
 * on the canary), which is conservative: the test looks at every batch and may cross earlier.
 */
export function requiredCanaryRequests(
  stableRate: number,
  canaryRate: number,
  margin: number,
  alpha: number,
  stablePerCanary: number,
  cap = 10_000_000,
): number | null {
  if (canaryRate - stableRate <= margin) return null;
  const threshold = logThreshold(alpha);
  const enough = (n: number) => {
    const ns = n * stablePerCanary;
    const sd = Math.sqrt(
      (canaryRate * (1 - canaryRate)) / n + (stableRate * (1 - stableRate)) / Math.max(ns, 1),
    );
    const xc = Math.max(0, n * (canaryRate - Z95 * sd));
    return twoSampleLogE({ n, x: xc }, { n: ns, x: ns * stableRate }, margin) >= threshold;
  };
  let hi = 16;
  while (!enough(hi)) {
    hi *= 2;
    if (hi > cap) return null;
  }
  let lo = hi / 2;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (enough(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Stable requests per canary request over the steps before 100 %, each sized by its weight. */
export function stablePerCanary(steps: readonly PlanStep[]): number {
  const canaryWeights = steps.filter((s) => s.weight < 100).map((s) => s.weight / 100);
  const sum = canaryWeights.reduce((a, b) => a + b, 0);
  if (sum === 0) return 0;
  return canaryWeights.reduce((a, w) => a + (1 - w), 0) / sum;
}

/**
 * Splits a total canary sample over the steps before 100 % in proportion to their weights, so
 * that at a steady request rate every step lasts about as long.
 */
export function splitSample(steps: readonly PlanStep[], total: number): number[] {
  const sum = steps.filter((s) => s.weight < 100).reduce((a, s) => a + s.weight, 0);
  return steps.map((s) => (s.weight < 100 && sum ? Math.ceil((total * s.weight) / sum) : 0));
}

/** Canary requests the plan's steps collect by time alone at `rps` requests per second. */
export function canaryRequestsByTime(steps: readonly PlanStep[], rps: number): number {
  return steps
    .filter((s) => s.weight < 100)
    .reduce((a, s) => a + rps * (s.weight / 100) * s.pause_seconds, 0);
}

/**
 * The smallest canary error rate (percent, to 0.1) this many canary requests detect with about
 * 95 % power against `stableRate`; null when even 100 % is not detected.
 */
export function detectableErrorRate(
  stableRate: number,
  canaryRequests: number,
  s: JudgeSettings,
  ratio: number,
): number | null {
  const alpha = s.alpha * ALPHA_SHARES.error_rate_vs_stable;
  for (let pc = stableRate + s.error_rate_margin / 100 + 0.001; pc < 1; pc += 0.001) {
    const need = requiredCanaryRequests(
      stableRate,
      pc,
      s.error_rate_margin / 100,
      alpha,
      ratio,
      canaryRequests * 2,
    );
    if (need !== null && need <= canaryRequests) return Math.round(pc * 1000) / 10;
  }
  return null;
}

/**
 * The share of requests a canary `factor` times slower than the reference would put above the
 * reference's median bucket, read from the reference histogram itself (no distribution assumed).
 */
export function slowShareAtFactor(
  hist: readonly number[],
  medianBucket: number,
  factor: number,
): number {
  const total = hist.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const cut = bucketOf(bucketValue(medianBucket) / factor);
  let above = 0;
  for (let i = cut + 1; i < hist.length; i++) above += hist[i] ?? 0;
  return Math.min(1, above / total);
}
