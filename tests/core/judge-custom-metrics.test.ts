import { describe, expect, it } from 'vitest';
import { judgeCustomMetric } from '../../shared/judge/custom-metrics.ts';
import { logThreshold } from '../../shared/judge/e-values.ts';
import { applyMetricPolicies, effectiveMetrics } from '../../shared/judge/metric-policy.ts';
import {
  ALPHA_SHARES,
  CUSTOM_METRICS_SHARE,
  DEFAULT_JUDGE_SETTINGS,
} from '../../shared/judge/settings.ts';
import { analysisSpecSchema } from '../../shared/model/analysis-spec.ts';
import type { CustomMetric } from '../../shared/model/custom-metric.ts';
import { judge } from '../../shared/rollout/canary-judge.ts';
import { evidence, minute, seeded, variant } from './judge-fixtures.ts';

const S = DEFAULT_JUDGE_SETTINGS;
const metric = (over: Partial<CustomMetric> = {}): CustomMetric => ({
  name: 'payments',
  source: 'error_events',
  filter: { component: 'payments' },
  comparison: 'relative',
  threshold: 1,
  ...over,
});
const healthy = () => {
  const r = seeded(7);
  return [0, 1, 2].map((k) => minute(k, variant(200, 2, r), variant(600, 6, r)));
};
const round = (n: number) => Math.round(n * 100) / 100;

describe('custom metrics take their share of α', () => {
  it('splits CUSTOM_METRICS_SHARE between them and gives the built-ins the rest', () => {
    const custom = [metric(), metric({ name: 'search' })];
    const j = judge(evidence(healthy()), S, {}, custom);
    const threshold = (name: string) => j.checks.find((c) => c.name === name)?.threshold;
    expect(threshold('custom:payments')).toBe(
      round(logThreshold((S.alpha * CUSTOM_METRICS_SHARE) / 2)),
    );
    expect(threshold('error_rate')).toBe(
      round(logThreshold(S.alpha * (1 - CUSTOM_METRICS_SHARE) * ALPHA_SHARES.error_rate)),
    );
    const without = judge(evidence(healthy()), S);
    expect(without.checks.find((c) => c.name === 'error_rate')?.threshold).toBe(
      round(logThreshold(S.alpha * ALPHA_SHARES.error_rate)),
    );
    expect(without.checks.some((c) => c.name.startsWith('custom:'))).toBe(false);
  });

  /** Rollouts (40 looks of 25 canary + 75 stable requests) a custom metric rolls back. */
  const rolledBack = (canaryRate: number, stableRate: number) => {
    const r = seeded(13);
    let n = 0;
    for (let run = 0; run < 400; run++) {
      const counts = { canary: 0, stable: 0 };
      const requests = { canary: 0, stable: 0 };
      for (let look = 0; look < 40; look++) {
        for (let i = 0; i < 25; i++) {
          requests.canary++;
          if (r.next() < canaryRate) counts.canary++;
        }
        for (let i = 0; i < 75; i++) {
          requests.stable++;
          if (r.next() < stableRate) counts.stable++;
        }
        if (judgeCustomMetric(metric(), counts, requests, 0.005).verdict === 'fail') {
          n++;
          break;
        }
      }
    }
    return n;
  };

  it('rolls back a canary with as many events as the stable in at most 2 of 400 rollouts looked at 40 times, one 7 points worse in 95 %', () => {
    expect(rolledBack(0.03, 0.03)).toBeLessThanOrEqual(2);
    expect(rolledBack(0.1, 0.03)).toBeGreaterThan(380);
  });
});

describe('a custom metric judged', () => {
  it('fails an absolute metric above its limit and passes one below', () => {
    const requests = { canary: 500, stable: 1500 };
    const abs = metric({ comparison: 'absolute', threshold: 2 });
    expect(judgeCustomMetric(abs, { canary: 40, stable: 0 }, requests, 0.0005).verdict).toBe(
      'fail',
    );
    expect(judgeCustomMetric(abs, { canary: 5, stable: 0 }, requests, 0.0005).verdict).toBe('pass');
  });

  it('fails a relative metric with direction decrease only when the canary falls', () => {
    const requests = { canary: 500, stable: 1500 };
    const down = metric({ direction: 'decrease' });
    expect(judgeCustomMetric(down, { canary: 0, stable: 300 }, requests, 0.0005).verdict).toBe(
      'fail',
    );
    expect(judgeCustomMetric(down, { canary: 100, stable: 15 }, requests, 0.0005).verdict).toBe(
      'pass',
    );
  });

  it('has no data below min_samples, and follows its no-data policy', () => {
    const r = seeded(3);
    const e = evidence([minute(0, variant(10, 0, r), variant(30, 0, r))], {
      custom: { payments: { canary: 0, stable: 0 } },
    });
    const spec = { custom_metrics: [metric({ no_data: 'pass' })] };
    const raw = judge(e, S, {}, spec.custom_metrics);
    expect(raw.checks.find((c) => c.name === 'custom:payments')?.no_data).toBe(true);
    const decided = applyMetricPolicies(raw, effectiveMetrics(spec, S), { atDeadline: false });
    expect(decided.checks.find((c) => c.name === 'custom:payments')?.verdict).toBe('pass');
  });
});

describe('the spec refuses', () => {
  const refused = (custom_metrics: unknown[]) => {
    const r = analysisSpecSchema.safeParse({ custom_metrics });
    return r.success ? '' : r.error.issues.map((i) => i.message).join('; ');
  };
  it('a direction on an absolute metric, more than five, an unknown filter field', () => {
    expect(
      refused([metric({ comparison: 'absolute', threshold: 2, direction: 'either' })]),
    ).toMatch(/direction is fixed/);
    expect(refused(Array.from({ length: 6 }, (_, i) => metric({ name: `m${i}` })))).toMatch(
      /at most 5/,
    );
    expect(refused([{ ...metric(), filter: { route: '/pay' } }])).toMatch(/route/);
    expect(refused([metric()])).toBe('');
  });
});
