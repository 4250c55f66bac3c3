import { describe, expect, it } from 'vitest';
import { DEFAULT_JUDGE_SETTINGS } from '../../shared/judge/settings.ts';
import { judge } from '../../shared/rollout/canary-judge.ts';
import { evidence, minute, seeded, variant } from './judge-fixtures.ts';

const S = DEFAULT_JUDGE_SETTINGS;
const check = (j: ReturnType<typeof judge>, name: string) => j.checks.find((c) => c.name === name);

/** `minutes` minutes of `perMinute` canary and three times as many stable requests. */
function rollout(
  minutes: number,
  perMinute: number,
  o: { canaryRate?: number; stableRate?: number; slower?: number; critical?: number } = {},
) {
  const r = seeded(minutes * 1000 + perMinute);
  return Array.from({ length: minutes }, (_, k) =>
    minute(
      k,
      variant(perMinute, Math.round(perMinute * (o.canaryRate ?? 0.01)), r, {
        medianMs: 100 * (o.slower ?? 1),
        critical: o.critical ?? 0,
      }),
      variant(3 * perMinute, Math.round(3 * perMinute * (o.stableRate ?? 0.01)), r),
    ),
  );
}

describe('the sequential canary judge', () => {
  it('passes a canary that behaves like stable, heavy-tailed latency included', () => {
    const j = judge(evidence(rollout(10, 100)), S);
    expect(j.verdict).toBe('pass');
    expect(j.reasons).toEqual([]);
    expect(j.summary.canary).toMatchObject({ requests: 1000, failed: 10 });
  });

  it('never passes under the minimum sample, but fails what is already proven (B9: 49 of 49)', () => {
    expect(judge(evidence(rollout(1, 40)), S).verdict).toBe('inconclusive');
    const r = seeded(1);
    const j = judge(evidence([minute(0, variant(49, 49, r), variant(150, 1, r))]), S);
    expect(j.verdict).toBe('fail');
    expect(j.reasons[0]).toMatch(/^error_rate: canary 100% of 49 against the 5% limit/);
  });

  it('fails 5 % against a stable 1 % with enough requests, not a gap within the margin', () => {
    const bad = judge(evidence(rollout(10, 100, { canaryRate: 0.05 })), S);
    expect(bad.verdict).toBe('fail');
    expect(check(bad, 'error_rate_vs_stable')?.verdict).toBe('fail');
    // 1.3 % against 1 % over 10,000 requests: inside the 0.5-point margin, never a rollback.
    expect(judge(evidence(rollout(10, 1000, { canaryRate: 0.013 })), S).verdict).toBe('pass');
    // The old rule's coin toss — 0.9 % against 0.1 % — is a regression beyond the margin.
    const subtle = judge(evidence(rollout(40, 500, { canaryRate: 0.009, stableRate: 0.001 })), S);
    expect(check(subtle, 'error_rate_vs_stable')?.verdict).toBe('fail');
  });

  it('tests latency on the distribution: 1.5× slower fails, the same heavy tail does not', () => {
    const slow = judge(evidence(rollout(10, 100, { slower: 1.5 })), S);
    expect(check(slow, 'latency_vs_stable')?.verdict).toBe('fail');
    expect(judge(evidence(rollout(30, 100)), S).verdict).toBe('pass');
  });

  it('fails on critical error events from the canary (B7)', () => {
    const j = judge(evidence(rollout(4, 100, { critical: 50 })), S);
    expect(check(j, 'critical_errors')?.verdict).toBe('fail');
  });

  it('fails on an incident since the start, holds on one from before it', () => {
    const clean = rollout(5, 100);
    expect(
      judge(evidence(clean, { incidents: { since_start: 1, before_start: 0 } }), S).verdict,
    ).toBe('fail');
    expect(
      judge(evidence(clean, { incidents: { since_start: 0, before_start: 1 } }), S).verdict,
    ).toBe('inconclusive');
  });

  it('holds rather than blames a canary when the system is unhealthy either way', () => {
    const clean = rollout(5, 100);
    expect(judge(evidence(clean, { health: { canary: 84.9, stable: 96 } }), S).verdict).toBe(
      'fail',
    );
    expect(judge(evidence(clean, { health: { canary: 80, stable: 81 } }), S).verdict).toBe(
      'inconclusive',
    );
  });

  it('catches a regression that starts late faster than the cumulative test (B6)', () => {
    const clean = rollout(15, 150);
    const r = seeded(9);
    const late = Array.from({ length: 6 }, (_, k) =>
      minute(15 + k, variant(150, 8, r), variant(450, 4, r)),
    );
    const j = judge(evidence([...clean, ...late]), S);
    expect(check(j, 'late_regression')?.verdict).toBe('fail');
    expect(check(j, 'error_rate_vs_stable')?.verdict).toBe('pass');
  });
});

describe('the canary’s error rate in its health score', () => {
  it('enters at the lower bound of its confidence interval', async () => {
    const { wilsonLowerBound } = await import('../../shared/rollout/evidence.ts');
    expect(wilsonLowerBound(0, 0, 3.72)).toBe(0);
    expect(wilsonLowerBound(14, 400, 3.72)).toBeCloseTo(0.0135, 3);
    expect(wilsonLowerBound(41, 300, 3.72)).toBeGreaterThan(0.06);
  });
});
