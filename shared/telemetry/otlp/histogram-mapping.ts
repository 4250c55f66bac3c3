import { BUCKETS, GROWTH } from '../histogram.ts';

const LOG_GROWTH = Math.log(GROWTH);

/** An OTel explicit-bucket histogram's counts, in milliseconds. */
export interface ExplicitHistogram {
  bucketCounts: readonly number[];
  /** Upper bounds, ascending; bucket i is (bounds[i-1], bounds[i]], the last one open. */
  bounds: readonly number[];
  min?: number | undefined;
  max?: number | undefined;
}

/**
 * Our histogram's continuous index: bucket 0 is [0, 1) ms, bucket i >= 1 is [GROWTH^(i-1),
 * GROWTH^i) (histogram.ts), so x maps onto [i, i + 1) of the bucket that holds it — linear in
 * the first bucket, logarithmic above, capped at the open last bucket.
 */
function position(ms: number): number {
  if (ms < 1) return Math.max(0, ms);
  return Math.min(BUCKETS - 1e-9, 1 + Math.log(ms) / LOG_GROWTH);
}

/**
 * Re-buckets an OTel explicit-bucket histogram onto Rollgate's log-scale layout. OTel only says
 * how many requests fell between two bounds, so each bucket's count is spread over our buckets
 * inside those bounds, log-uniformly (the same assumption our 5 % buckets make within themselves;
 * Prometheus' histogram_quantile interpolates linearly), narrowed by the point's min and max where
 * given: the first bucket starts at min, the open last one ends at max (without max, its requests
 * sit at its lower bound). Counts stay whole (largest remainder), so the total is exact; a
 * percentile is exact to within the OTel bucket that holds it, and no better.
 */
export function rebucket(histogram: ExplicitHistogram): { hist: number[]; maxMs: number } {
  const hist: number[] = [];
  let maxMs = 0;
  histogram.bucketCounts.forEach((n, i) => {
    if (!(n > 0)) return;
    let lo = i === 0 ? (histogram.min ?? 0) : (histogram.bounds[i - 1] as number);
    let hi = i < histogram.bounds.length ? (histogram.bounds[i] as number) : (histogram.max ?? lo);
    if (histogram.min !== undefined) lo = Math.max(lo, histogram.min);
    if (histogram.max !== undefined) hi = Math.min(hi, histogram.max);
    lo = Math.max(0, lo);
    hi = Math.max(lo, hi);
    spread(hist, n, position(lo), position(hi));
    maxMs = Math.max(maxMs, hi);
  });
  return { hist, maxMs };
}

/** Adds n requests spread evenly over [from, to] of the continuous index, in whole counts. */
function spread(hist: number[], n: number, from: number, to: number): void {
  const first = Math.floor(from);
  const last = Math.min(BUCKETS - 1, Math.floor(to));
  while (hist.length <= last) hist.push(0);
  if (first === last || to - from < 1e-12) {
    hist[first] = (hist[first] ?? 0) + n;
    return;
  }
  const shares: Array<{ i: number; whole: number; rest: number }> = [];
  let given = 0;
  for (let i = first; i <= last; i++) {
    const overlap = Math.min(to, i + 1) - Math.max(from, i);
    const exact = (n * Math.max(0, overlap)) / (to - from);
    const whole = Math.floor(exact);
    shares.push({ i, whole, rest: exact - whole });
    given += whole;
  }
  shares.sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; k < n - given; k++) (shares[k % shares.length] as (typeof shares)[0]).whole += 1;
  for (const s of shares) hist[s.i] = (hist[s.i] ?? 0) + s.whole;
}
