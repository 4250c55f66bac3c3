import { describe, expect, it } from 'vitest';
import { percentile } from '../../shared/telemetry/histogram.ts';
import { cumulativeDelta, stateOf } from '../../shared/telemetry/otlp/cumulative.ts';
import { rebucket } from '../../shared/telemetry/otlp/histogram-mapping.ts';
import type { OtlpHistogramPoint } from '../../shared/telemetry/otlp/model.ts';

// The semantic conventions' advised bounds for http.server.request.duration, in ms.
const BOUNDS = [5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

describe('re-bucketing an OTel explicit-bucket histogram', () => {
  it('keeps every count and puts each percentile inside the OTel bucket that holds it', () => {
    const counts = [0, 0, 0, 10, 40, 30, 15, 5, 0, 0, 0, 0, 0, 0, 0];
    const { hist, maxMs } = rebucket({ bucketCounts: counts, bounds: BOUNDS, min: 30, max: 420 });
    expect(hist.reduce((a, b) => a + b, 0)).toBe(100);
    expect(maxMs).toBe(420);
    // p50 is the 50th request: in (50, 75]; p95 in (100, 250]; p99 in (250, 500] but ≤ max.
    const p50 = percentile(hist, 0.5);
    expect(p50).toBeGreaterThan(50);
    expect(p50).toBeLessThanOrEqual(75 * 1.025);
    expect(percentile(hist, 0.95)).toBeGreaterThan(100);
    expect(percentile(hist, 0.95)).toBeLessThanOrEqual(250 * 1.025);
    expect(percentile(hist, 0.99, maxMs)).toBeLessThanOrEqual(420);
    expect(percentile(hist, 0.01)).toBeGreaterThanOrEqual(30 / 1.025);
  });

  it('spreads a bucket log-uniformly between its bounds', () => {
    const { hist } = rebucket({ bucketCounts: [0, 1000, 0], bounds: [100, 1000] });
    // Half the requests of (100, 1000] lie below its geometric middle, ≈ 316 ms.
    expect(Math.abs(percentile(hist, 0.5) - 316) / 316).toBeLessThan(0.05);
  });

  it('puts the open last bucket at its lower bound without a max, at most max with one', () => {
    expect(percentile(rebucket({ bucketCounts: [0, 4], bounds: [2000] }).hist, 1)).toBeCloseTo(
      2000,
      -2,
    );
    const capped = rebucket({ bucketCounts: [0, 4], bounds: [2000], max: 3000 });
    expect(capped.maxMs).toBe(3000);
    expect(percentile(capped.hist, 1)).toBeLessThanOrEqual(3000 * 1.025);
  });
});

const point = (
  startNs: bigint,
  timeNs: bigint,
  bucketCounts: number[],
  sum: number,
): OtlpHistogramPoint => ({
  attributes: {},
  startNs,
  timeNs,
  count: bucketCounts.reduce((a, b) => a + b, 0),
  sum,
  bucketCounts,
  explicitBounds: [100],
});

describe('cumulative to delta', () => {
  it('counts a series’ first point whole, then only what each later point adds', () => {
    const first = point(1n, 10n, [3, 1], 400);
    expect(cumulativeDelta(undefined, first)).toMatchObject({ count: 4, bucketCounts: [3, 1] });
    const second = point(1n, 20n, [5, 2], 700);
    expect(cumulativeDelta(stateOf(first), second)).toMatchObject({
      count: 3,
      sum: 300,
      bucketCounts: [2, 1],
    });
  });

  it('adds nothing for a resent or older point', () => {
    const p = point(1n, 20n, [5, 2], 700);
    expect(cumulativeDelta(stateOf(p), p)).toBeNull();
    expect(cumulativeDelta(stateOf(p), point(1n, 15n, [4, 2], 600))).toBeNull();
  });

  it('treats a new start time or a count going down as a restart: the point counts whole', () => {
    const before = stateOf(point(1n, 20n, [5, 2], 700));
    expect(cumulativeDelta(before, point(30n, 40n, [1, 0], 50))).toMatchObject({ count: 1 });
    expect(cumulativeDelta(before, point(1n, 40n, [1, 0], 50))).toMatchObject({ count: 1 });
  });
});
