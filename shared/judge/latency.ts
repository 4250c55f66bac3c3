import { bucketOf, percentile } from '../telemetry/histogram.ts';

/**
 * Latency as proportions read off the rollups' log-scale histograms: the share of requests slower
 * than a fixed bucket. A proportion is bounded whatever the tail, so a heavy-tailed but healthy
 * canary does not look slow by chance the way a p95 ratio does, and it is tested exactly like an
 * error rate.
 */

export const sumHist = (hists: ReadonlyArray<readonly number[]>): number[] => {
  const out: number[] = [];
  for (const h of hists) for (let i = 0; i < h.length; i++) out[i] = (out[i] ?? 0) + (h[i] ?? 0);
  for (let i = 0; i < out.length; i++) out[i] ??= 0;
  return out;
};

export const countOf = (hist: readonly number[]) => hist.reduce((a, b) => a + b, 0);

/** Requests in buckets strictly above `bucket`. */
export function countAbove(hist: readonly number[], bucket: number): number {
  let n = 0;
  for (let i = bucket + 1; i < hist.length; i++) n += hist[i] ?? 0;
  return n;
}

/** The bucket that holds the median, or null under `minimum` requests. */
export function medianBucket(hist: readonly number[], minimum = 100): number | null {
  const total = countOf(hist);
  if (total < minimum) return null;
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i] ?? 0;
    if (seen >= total / 2) return i;
  }
  return hist.length - 1;
}

/** Requests certainly slower than `ms`: those in buckets above the one holding `ms`. */
export const countSlowerThan = (hist: readonly number[], ms: number) =>
  countAbove(hist, bucketOf(ms));

export const p95Of = (hist: readonly number[]) => Math.round(percentile(hist, 0.95) * 100) / 100;
