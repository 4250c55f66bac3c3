/**
 * Log-scale latency histogram shared by ingest (bucketing) and queries (percentiles). Must match
 * the layout documented in the telemetry migration: bucket 0 is [0, 1) ms, bucket i >= 1 is
 * [GROWTH^(i-1), GROWTH^i) ms, the last bucket is open-ended.
 */
export const GROWTH = 1.05;
export const BUCKETS = 260;
const LOG_GROWTH = Math.log(GROWTH);

export function bucketOf(durationMs: number): number {
  if (durationMs < 1) return 0;
  return Math.min(BUCKETS - 1, 1 + Math.floor(Math.log(durationMs) / LOG_GROWTH));
}

/** The value a bucket stands for: its geometric middle (within 2.5 % of anything in it). */
export function bucketValue(index: number): number {
  if (index <= 0) return 0.5;
  return GROWTH ** (index - 0.5);
}

/** Adds one sample to a dense histogram, growing it as needed (trailing zeros are implied). */
export function addSample(hist: number[], durationMs: number): void {
  const i = bucketOf(durationMs);
  while (hist.length <= i) hist.push(0);
  hist[i] = (hist[i] ?? 0) + 1;
}

/**
 * The q-quantile (0 < q <= 1) by nearest rank, read from the bucket that holds that rank,
 * never above the largest value actually seen. 0 for an empty histogram.
 */
export function percentile(
  hist: readonly number[],
  q: number,
  observedMax = Number.POSITIVE_INFINITY,
): number {
  const total = hist.reduce((a, b) => a + b, 0);
  if (total === 0) return 0;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    seen += hist[i] ?? 0;
    if (seen >= rank) return Math.min(bucketValue(i), observedMax);
  }
  return Math.min(bucketValue(hist.length - 1), observedMax);
}
