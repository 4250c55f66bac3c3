/**
 * Per-metric settings of a deployment's analysis spec (issue 13) against the real API, queue
 * workers and PostgreSQL: no-data policies decided at the step's deadline, non-critical metrics,
 * the failed-health-check limit, and the effective settings get_status shows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TRAFFIC_CHECKS } from '../../shared/model/check-catalog.ts';
import { harnessForFile } from '../support/harness.ts';
import {
  clearProduction,
  GOOD_GATES,
  startedCanary,
  traffic,
  uniqueVersion,
} from '../support/orchestrator.ts';
import { recordRequests } from '../support/telemetry.ts';

const h = harnessForFile({ workers: true, clearProduction: true });

afterEach(async () => {
  await h.db.sql`
    update environments set progress_deadline_seconds = 3600 where name = 'production'`;
});

const every = (settings: Record<string, unknown>, names: readonly string[] = TRAFFIC_CHECKS) =>
  Object.fromEntries(names.map((n) => [n, settings]));

/** An approved production canary with `analysis`, its steps `pause` seconds long. */
const canaryWith = async (analysis: Record<string, unknown>, pause = 300) =>
  (await startedCanary(h.o, { analysis, pause })).id;
const lastEvent = (s: Record<string, unknown>) =>
  (s.events as Array<{ event: string; details: Record<string, unknown> }>).at(-1);

describe('no-data policies, decided at the step deadline', () => {
  it('pauses a step without data for a human when a metric says no_data: pause', async () => {
    await h.db.sql`update environments set progress_deadline_seconds = 2 where name = 'production'`;
    const id = await canaryWith({ metrics: { error_rate: { no_data: 'pause' } } }, 1);
    const s = await h.o.waitForStatus(id, 'paused', 15_000);
    expect(s.weight).toBe(25);
    expect(lastEvent(s)?.details.reason).toMatch(
      /^canary analysis failed: error_rate: no data \(fewer canary requests than min_samples\); no_data: pause at the step deadline/,
    );
  });

  it('rolls back a step without data when a metric says no_data: fail', async () => {
    await h.db.sql`update environments set progress_deadline_seconds = 2 where name = 'production'`;
    const id = await canaryWith({ metrics: { latency_p95: { no_data: 'fail' } } }, 1);
    const s = await h.o.waitForStatus(id, 'rolled_back', 15_000);
    expect(s.rollback_reason).toMatch(/latency_p95: no data/);
  });

  it('lets a rollout without traffic through when every traffic metric says no_data: pass', async () => {
    const id = await canaryWith({ metrics: every({ no_data: 'pass' }) }, 1);
    const s = await h.o.waitForStatus(id, 'succeeded', 15_000);
    const checks = (s.analyses as Array<{ evidence: { checks: Array<{ name: string }> } }>)[0]
      ?.evidence.checks;
    expect(checks?.length).toBeGreaterThan(0);
    expect(checks?.map((c) => c.name)).not.toContain('sample');
  });
});

describe('critical and non-critical metrics', () => {
  it('does not act on a non-critical failure in the batch, and pauses at the step’s end', async () => {
    const id = await canaryWith(
      {
        metrics: every({ critical: false }, [
          'error_rate',
          'error_rate_vs_stable',
          'late_regression',
          'health_score',
        ]),
      },
      2,
    );
    await recordRequests(h.api, [
      ...traffic(id, 'stable', 300, { errorsPer100: 1 }),
      ...traffic(id, 'canary', 100, { errorsPer100: 60 }),
    ]);
    expect(await h.o.status(id)).toMatchObject({ status: 'progressing' });
    const s = await h.o.waitForStatus(id, 'paused', 15_000);
    expect(lastEvent(s)?.details.reason).toMatch(/^canary analysis failed: error_rate: /);
  });
});

describe('the failed-health-check limit', () => {
  const failedProbes = (target: string, n: number) =>
    h.db.sql`insert into monitoring_probes (target, ok, status, latency_ms, error)
           select ${target}, false, 503, 5, 'down' from generate_series(1, ${n})`;

  it('rolls back on the consecutive failed probes a deployment allows, not before', async () => {
    const target = `site-${uniqueVersion()}`;
    await h.db.sql`insert into monitoring_targets (name, url, environment)
                 values (${target}, 'https://example.com/health', 'production')`;
    try {
      const lenient = await canaryWith({});
      await failedProbes(target, 2);
      await recordRequests(h.api, traffic(lenient, 'canary', 10));
      expect(await h.o.status(lenient)).toMatchObject({ status: 'progressing' });
      await clearProduction(h.o);

      const strict = await canaryWith({ thresholds: { max_failed_health_checks: 2 } });
      await failedProbes(target, 2);
      await recordRequests(h.api, traffic(strict, 'canary', 10));
      const s = await h.o.status(strict);
      expect(s?.status).toBe('rolled_back');
      expect(s?.rollback_reason).toMatch(
        new RegExp(`health_checks: 2 consecutive failed probes of ${target} .*\\(limit 2\\)`),
      );
    } finally {
      await h.db.sql`update monitoring_targets set enabled = false where name = ${target}`;
    }
  });
});

describe('an environment’s default spec', () => {
  it('applies to its deployments, which override it metric by metric', async () => {
    const set = await h.o.call('set_environment_analysis', {
      environment: 'production',
      metrics: { error_rate: { critical: false }, health_score: { threshold: 80 } },
    });
    try {
      expect(set.status, JSON.stringify(set.body)).toBe(200);
      const shown = (await h.o.call('get_environment_analysis', { environment: 'production' })).body
        .result;
      expect(shown.thresholds.min_health_score).toBe(80);
      expect(shown.spec.metrics).toEqual({ error_rate: { critical: false }, health_score: {} });
      expect(shown.metrics.error_rate).toMatchObject({ critical: false, on_failure: 'pause' });

      const id = await canaryWith({ metrics: { error_rate: { on_failure: 'rollback' } } });
      const metrics = (await h.o.status(id))?.analysis as {
        metrics: Record<string, Record<string, unknown>>;
      };
      expect(metrics.metrics.error_rate).toMatchObject({ critical: false, on_failure: 'rollback' });
      expect(metrics.metrics.health_score).toMatchObject({ threshold: { value: 80 } });
      // Only error_rate fails (30 % of 100, no stable requests to compare with): not critical here.
      await recordRequests(h.api, traffic(id, 'canary', 100, { errorsPer100: 30 }));
      expect((await h.o.status(id))?.status).toBe('progressing');
      // It failed, though: promote asks the judge, which refuses.
      const promoted = await h.o.call('promote', { deployment_id: id });
      expect(promoted.status).toBe(409);
      expect(promoted.body.error.message).toMatch(/canary analysis fails \(error_rate: canary 30%/);
    } finally {
      await h.db.sql`update environments set analysis = '{}',
                   thresholds = thresholds || '{"min_health_score": 85}' where name = 'production'`;
    }
  });
});

describe('what get_status shows', () => {
  it('shows every metric’s effective settings: the seed defaults and the spec’s choices', async () => {
    const id = await canaryWith({
      on_failure: 'pause',
      metrics: {
        error_rate: { threshold: 2, no_data: 'fail' },
        error_rate_vs_stable: { direction: 'either', critical: false },
      },
    });
    const analysis = (await h.o.status(id))?.analysis as {
      spec: Record<string, unknown>;
      thresholds: Record<string, number>;
      metrics: Record<string, Record<string, unknown>>;
    };
    expect(analysis.thresholds).toMatchObject({ max_error_rate: 2, min_health_score: 85 });
    expect(analysis.metrics.error_rate).toMatchObject({
      comparison: 'absolute',
      threshold: { setting: 'max_error_rate', value: 2 },
      critical: true,
      no_data: 'fail',
      on_failure: 'pause',
    });
    expect(analysis.metrics.error_rate_vs_stable).toMatchObject({
      comparison: 'relative_to_stable',
      direction: 'either',
      critical: false,
      on_failure: 'pause',
    });
    expect(analysis.metrics.health_checks).toMatchObject({
      threshold: { setting: 'max_failed_health_checks', value: 3 },
    });
    expect(analysis.metrics.latency_vs_stable?.threshold).toMatchObject({ value: 5 });
  });

  it('refuses a direction on an absolute metric with 400 validation_failed, writing nothing', async () => {
    const before = await h.db.sql`select count(*)::int as n from deployments`;
    const reply = await h.o.call('start_deployment', {
      environment: 'production',
      version: uniqueVersion(),
      gates: GOOD_GATES,
      analysis: { metrics: { health_score: { direction: 'increase' } } },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(reply.body.error)).toMatch(/direction is fixed/);
    expect(await h.db.sql`select count(*)::int as n from deployments`).toEqual(before);
  });
});
