import { describe, expect, it } from 'vitest';
import { addSample, BUCKETS, bucketOf, percentile } from '../../shared/telemetry/histogram.ts';

function exactPercentile(sorted: number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] as number;
}

describe('latency histogram', () => {
  it('puts sub-millisecond samples in bucket 0 and caps huge ones in the last bucket', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(0.99)).toBe(0);
    expect(bucketOf(1)).toBe(1);
    expect(bucketOf(10_000_000)).toBe(BUCKETS - 1);
  });

  it('reads p50, p95 and p99 within 2.5 % of the exact nearest-rank value', () => {
    // A deterministic spread of shapes: uniform, long-tailed and bimodal latencies.
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const shapes = {
      uniform: () => 5 + random() * 995,
      longTail: () => 20 * Math.exp(random() * 5),
      bimodal: () => (random() < 0.9 ? 40 + random() * 20 : 900 + random() * 300),
    };
    for (const [name, draw] of Object.entries(shapes)) {
      const values = Array.from({ length: 20_000 }, draw);
      const hist: number[] = [];
      for (const v of values) addSample(hist, v);
      const sorted = [...values].sort((a, b) => a - b);
      for (const q of [0.5, 0.95, 0.99]) {
        const exact = exactPercentile(sorted, q);
        const estimate = percentile(hist, q, sorted.at(-1));
        expect(Math.abs(estimate - exact) / exact, `${name} p${q * 100}`).toBeLessThanOrEqual(
          0.025,
        );
      }
    }
  });

  it('never reports a percentile above the largest value seen, and 0 when empty', () => {
    const hist: number[] = [];
    addSample(hist, 100);
    expect(percentile(hist, 0.99, 100)).toBe(100);
    expect(percentile([], 0.95)).toBe(0);
  });
});
