import { describe, expect, it } from 'vitest';
import { thresholdOverrides } from '../../shared/judge/analysis-spec.ts';
import { applyMetricPolicies, effectiveMetrics } from '../../shared/judge/metric-policy.ts';
import { DEFAULT_JUDGE_SETTINGS } from '../../shared/judge/settings.ts';
import { analysisSpecSchema } from '../../shared/model/analysis-spec.ts';
import { TRAFFIC_CHECKS } from '../../shared/model/check-catalog.ts';
import { type Directions, judge } from '../../shared/rollout/canary-judge.ts';
import { evidence, minute, seeded, variant } from './judge-fixtures.ts';

const S = DEFAULT_JUDGE_SETTINGS;
type Spec = Parameters<typeof effectiveMetrics>[0];

/** `minutes` minutes of `perMinute` canary requests failing at `canary`, stable at `stable`. */
function slices(minutes: number, perMinute: number, canary = 0.01, stable = 0.01) {
  const r = seeded(minutes * 7 + perMinute);
  return Array.from({ length: minutes }, (_, k) =>
    minute(
      k,
      variant(perMinute, Math.round(perMinute * canary), r),
      variant(3 * perMinute, Math.round(3 * perMinute * stable), r),
    ),
  );
}

function decide(
  e: ReturnType<typeof evidence>,
  spec: Spec,
  atDeadline = false,
  directions: Directions = {},
) {
  return applyMetricPolicies(judge(e, S, directions), effectiveMetrics(spec, S), { atDeadline });
}
const check = (j: { checks: Array<{ name: string }> }, name: string) =>
  j.checks.find((c) => c.name === name) as Record<string, unknown> | undefined;

describe('per-metric settings of the analysis spec', () => {
  it('defaults to the seed documents’ numbers, every metric critical and rolling back', () => {
    const m = effectiveMetrics(null, S);
    expect(m.error_rate).toMatchObject({
      comparison: 'absolute',
      threshold: { setting: 'max_error_rate', value: 5 },
      direction: 'increase',
      critical: true,
      dry_run: false,
      no_data: 'hold',
      on_failure: 'rollback',
    });
    expect(m.error_rate_vs_stable.comparison).toBe('relative_to_stable');
    expect(m.health_score).toMatchObject({
      threshold: { value: 85 },
      direction: 'decrease',
      no_data: 'pass',
    });
    expect(m.health_checks).toMatchObject({
      threshold: { setting: 'max_failed_health_checks', value: 3 },
      no_data: 'pass',
    });
  });

  it('keeps an old spec’s meaning: spec-wide on_failure and dry_run become each metric’s', () => {
    const old = analysisSpecSchema.parse({ on_failure: 'pause', dry_run: ['error_rate'] });
    const m = effectiveMetrics(old, S);
    expect(m.error_rate).toMatchObject({ dry_run: true, on_failure: 'pause' });
    expect(m.latency_p95).toMatchObject({ dry_run: false, on_failure: 'pause' });
  });

  it('folds a metric’s threshold into its setting, and refuses contradictions', () => {
    const spec = analysisSpecSchema.parse({ metrics: { error_rate: { threshold: 2 } } });
    expect(thresholdOverrides(spec)).toEqual({ max_error_rate: 2 });
    const bad = (s: unknown) => analysisSpecSchema.safeParse(s).success;
    expect(bad({ metrics: { error_rate: { direction: 'decrease' } } })).toBe(false);
    expect(bad({ metrics: { late_regression: { threshold: 1 } } })).toBe(false);
    expect(bad({ metrics: { health_score: { threshold: 101 } } })).toBe(false);
    expect(
      bad({ thresholds: { max_error_rate: 3 }, metrics: { error_rate: { threshold: 2 } } }),
    ).toBe(false);
    expect(bad({ metrics: { error_rte: {} } })).toBe(false);
    expect(bad({ metrics: { error_rate: { no_data: 'wait' } } })).toBe(false);
  });

  it('fails a canary whose error rate dropped when a decrease is what is bad', () => {
    const e = evidence(slices(10, 100, 0, 0.05));
    const dir = (d: 'increase' | 'decrease' | 'either') =>
      check(decide(e, null, false, { error_rate_vs_stable: d }), 'error_rate_vs_stable')?.verdict;
    expect(dir('increase')).toBe('pass');
    expect(dir('decrease')).toBe('fail');
    expect(dir('either')).toBe('fail');
    const worse = evidence(slices(10, 100, 0.06, 0.01));
    expect(
      check(
        decide(worse, null, false, { error_rate_vs_stable: 'decrease' }),
        'error_rate_vs_stable',
      )?.verdict,
    ).toBe('pass');
  });

  it('applies each no-data policy: hold waits, pass passes, fail and pause act at the deadline', () => {
    const e = evidence(slices(1, 10));
    const all = (no_data: 'hold' | 'pass' | 'fail' | 'pause'): Spec => ({
      metrics: Object.fromEntries(TRAFFIC_CHECKS.map((n) => [n, { no_data }])),
    });
    expect(decide(e, null).verdict).toBe('inconclusive');
    expect(decide(e, null, true).verdict).toBe('inconclusive');
    expect(check(decide(e, null), 'sample')).toBeDefined();
    const passing = decide(e, all('pass'));
    expect(passing.verdict).toBe('pass');
    expect(check(passing, 'sample')).toBeUndefined();
    expect(decide(e, all('fail')).verdict).toBe('inconclusive');
    const failed = decide(e, all('fail'), true);
    expect(failed).toMatchObject({ verdict: 'fail', action: 'rollback' });
    expect(failed.reasons[0]).toMatch(
      /^error_rate: no data \(fewer canary requests than min_samples\)/,
    );
    expect(decide(e, all('pause'), true)).toMatchObject({ verdict: 'fail', action: 'pause' });
  });

  it('lets a non-critical metric warn: its failure waits for the step and pauses', () => {
    const e = evidence(slices(5, 100, 0.6, 0.01));
    const spec: Spec = {
      metrics: {
        error_rate: { critical: false },
        error_rate_vs_stable: { critical: false },
        late_regression: { critical: false },
      },
    };
    expect(decide(e, spec)).toMatchObject({ verdict: 'fail', immediate: false, action: 'pause' });
    expect(decide(e, null)).toMatchObject({ verdict: 'fail', immediate: true, action: 'rollback' });
    const rollingBack: Spec = {
      metrics: { ...spec.metrics, error_rate: { critical: false, on_failure: 'rollback' } },
    };
    expect(decide(e, rollingBack)).toMatchObject({ immediate: false, action: 'rollback' });
  });

  it('fails on the consecutive failed probes the spec allows; no target is no data', () => {
    const incidents = (failures: number, targets = 1) => ({
      since_start: 0,
      before_start: 0,
      targets,
      streak: failures ? { target: 'site', failures } : null,
    });
    const e = (failures: number, targets?: number) =>
      evidence(slices(2, 100), { incidents: incidents(failures, targets) });
    expect(check(decide(e(2), null), 'health_checks')?.verdict).toBe('pass');
    const j = applyMetricPolicies(
      judge(e(2), { ...S, max_failed_health_checks: 2 }),
      effectiveMetrics(null, S),
      { atDeadline: false },
    );
    expect(check(j, 'health_checks')?.detail).toMatch(/^2 consecutive failed probes of site/);
    expect(check(decide(e(3), null), 'health_checks')?.verdict).toBe('fail');
    expect(check(decide(e(0, 0), null), 'health_checks')).toMatchObject({
      verdict: 'pass',
      no_data: true,
    });
    const strict: Spec = { metrics: { health_checks: { no_data: 'fail' } } };
    expect(check(decide(e(0, 0), strict, true), 'health_checks')?.verdict).toBe('fail');
  });
});
