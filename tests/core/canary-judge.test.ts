import { describe, expect, it } from 'vitest';
import { judge, type StepEvidence } from '../../shared/rollout/canary-judge.ts';
import { DEFAULT_THRESHOLDS } from '../../shared/rollout/types.ts';

const base: StepEvidence = {
  canary: { requests: 500, failed: 5, p95_ms: 120 },
  stable: { requests: 1500, failed: 15, p95_ms: 115 },
  baseline_p95_ms: 110,
  health: { canary: 97, stable: 97 },
  open_incidents: 0,
};
const verdictOf = (e: Partial<StepEvidence>) => judge({ ...base, ...e }, DEFAULT_THRESHOLDS);

describe('the canary judge', () => {
  it('passes a canary that behaves like stable', () => {
    const j = verdictOf({});
    expect(j.verdict).toBe('pass');
    expect(j.reasons).toEqual([]);
  });

  it('is inconclusive below the minimum sample', () => {
    expect(verdictOf({ canary: { requests: 49, failed: 10, p95_ms: 5000 } }).verdict).toBe(
      'inconclusive',
    );
  });

  it('fails an error rate significantly above the absolute 5 % limit, not one merely above it', () => {
    expect(
      verdictOf({
        canary: { requests: 500, failed: 60, p95_ms: 120 },
        stable: { requests: 0, failed: 0, p95_ms: 0 },
      }).verdict,
    ).toBe('fail');
    // 6 % of 100: above 5 %, but well within noise of it.
    expect(
      verdictOf({
        canary: { requests: 100, failed: 6, p95_ms: 120 },
        stable: { requests: 0, failed: 0, p95_ms: 0 },
      }).verdict,
    ).toBe('pass');
  });

  it('fails a significant regression against stable but not a difference under one point', () => {
    const worse = verdictOf({
      canary: { requests: 1000, failed: 40, p95_ms: 120 },
      stable: { requests: 3000, failed: 15, p95_ms: 115 },
    });
    expect(worse.verdict).toBe('fail');
    expect(worse.reasons[0]).toMatch(/^error_rate_vs_stable: canary 4% against stable 0.5%/);
    // 0.9 points worse on a huge sample is significant but below the minimum effect.
    expect(
      verdictOf({
        canary: { requests: 100_000, failed: 1400, p95_ms: 120 },
        stable: { requests: 300_000, failed: 1500, p95_ms: 115 },
      }).verdict,
    ).toBe('pass');
  });

  it('fails p95 above 2000 ms or above 200 % of the baseline', () => {
    expect(
      verdictOf({
        canary: { requests: 500, failed: 5, p95_ms: 2100 },
        stable: { requests: 1500, failed: 15, p95_ms: 1900 },
      }).reasons[0],
    ).toMatch(/^latency_p95:/);
    expect(verdictOf({ canary: { requests: 500, failed: 5, p95_ms: 240 } }).reasons[0]).toMatch(
      /^latency_vs_baseline: canary p95 240 ms is 209% of baseline 115 ms/,
    );
    // Without stable traffic the environment's earlier p95 is the baseline.
    expect(
      verdictOf({
        canary: { requests: 500, failed: 5, p95_ms: 230 },
        stable: { requests: 0, failed: 0, p95_ms: 0 },
      }).verdict,
    ).toBe('fail');
  });

  it('fails when the canary brings the health score under 85, and on open health-check incidents', () => {
    expect(verdictOf({ health: { canary: 84.9, stable: 96 } }).reasons).toEqual([
      "health_score: 84.9 with the canary's traffic, 96 with the stable's, against the minimum 85",
    ]);
    expect(verdictOf({ open_incidents: 1 }).verdict).toBe('fail');
  });

  it('holds rather than blames a canary when the system is unhealthy either way', () => {
    const j = verdictOf({ health: { canary: 80, stable: 81 } });
    expect(j.verdict).toBe('inconclusive');
    expect(j.checks.find((c) => c.name === 'health_score')?.verdict).toBe('inconclusive');
  });
});

describe('the canary’s error rate in its health score', () => {
  it('enters at the lower bound of its confidence interval', async () => {
    const { wilsonLowerBound } = await import('../../shared/rollout/evidence.ts');
    expect(wilsonLowerBound(0, 0, 3.72)).toBe(0);
    // 14 of 400 (3.5 %) shows, at this confidence, only a rate of at least 1.35 %.
    expect(wilsonLowerBound(14, 400, 3.72)).toBeCloseTo(0.0135, 3);
    // 41 of 300 (13.7 %) is at least 6 %: a bad canary stays bad.
    expect(wilsonLowerBound(41, 300, 3.72)).toBeGreaterThan(0.06);
  });
});
