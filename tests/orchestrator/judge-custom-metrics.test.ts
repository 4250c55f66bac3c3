/**
 * Custom metrics of the analysis spec (issue 13, item 1) against the real API, queue workers and
 * PostgreSQL: error events the user selects, judged per canary request against the stable by the
 * same e-values as the built-in checks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { productionRollout } from '../../stack/rollout-request.ts';
import { harnessForFile } from '../support/harness.ts';
import {
  clearProduction,
  GOOD_GATES,
  healthyTraffic,
  startedCanary,
  uniqueVersion,
} from '../support/orchestrator.ts';
import { recordRequests } from '../support/telemetry.ts';

const h = harnessForFile({ workers: true, clearProduction: true });

afterEach(async () => {
  await h.db.sql`update environments set analysis = analysis - 'custom_metrics'
                where name = 'production'`;
});

const PAYMENTS = {
  name: 'payments_errors',
  source: 'error_events',
  filter: { component: 'payments', severity_at_least: 'error' },
  comparison: 'relative',
  threshold: 1,
};

/** `count` error events of a variant; severity `error`, so `critical_errors` never sees them. */
const events = (id: string, variant: 'canary' | 'stable', component: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    error_message: `card declined ${i % 4}`,
    component,
    severity: 'error',
    environment: 'production',
    deployment_id: id,
    variant,
  }));

/**
 * The same traffic for every canary: both variants fail 1 % of requests (the built-in checks pass);
 * the canary's payments component reports an error on 15 % of its requests, the stable's on 1 %,
 * and an unrelated component as much on both.
 */
async function paymentsRegression(id: string) {
  await recordRequests(h.api, healthyTraffic(id, 400));
  const batch = [
    ...events(id, 'stable', 'payments', 12),
    ...events(id, 'stable', 'search', 120),
    ...events(id, 'canary', 'search', 40),
    ...events(id, 'canary', 'payments', 60),
  ];
  const reply = await h.api.call('error-tracking', { action: 'track_errors', events: batch });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
}

type Check = { name: string; verdict: string; detail: string; dry_run?: boolean } & Record<
  string,
  unknown
>;
const checksOf = (s: Record<string, unknown>) =>
  (s.analyses as Array<{ evidence: { checks: Check[] } }>).flatMap((a) => a.evidence.checks);

describe('a custom metric over error events', () => {
  it('rolls back a canary whose payments errors rise, which the built-in checks alone keep', async () => {
    const without = (await startedCanary(h.o)).id;
    await paymentsRegression(without);
    expect(await h.o.status(without)).toMatchObject({ status: 'progressing' });
    await clearProduction(h.o);

    const id = (await startedCanary(h.o, { analysis: { custom_metrics: [PAYMENTS] } })).id;
    await paymentsRegression(id);
    const s = await h.o.status(id);
    expect(s).toMatchObject({ status: 'rolled_back' });
    expect(s?.rollback_reason).toMatch(
      /^canary analysis failed: custom:payments_errors: 60 payments_errors events over 400 canary requests \(15%\), against 12 over 1200 stable \(1%\) \+ 1 points/,
    );
    expect(s?.rollback_reason).not.toMatch(/error_rate|critical_errors/);
    const custom = checksOf(s ?? {}).find((c) => c.name === 'custom:payments_errors');
    expect(custom).toMatchObject({
      verdict: 'fail',
      critical: true,
      on_failure: 'rollback',
      values: {
        canary_events: 60,
        stable_events: 12,
        canary_requests: 400,
        stable_requests: 1200,
      },
    });
    expect(
      (s?.analysis as { metrics: Record<string, unknown> } | undefined)?.metrics,
    ).toMatchObject({
      'custom:payments_errors': {
        comparison: 'relative_to_stable',
        threshold: { setting: 'custom_metrics.payments_errors.threshold', value: 1 },
        direction: 'increase',
        dry_run: false,
      },
    });
  });

  it('computes a dry-run custom metric and shows it, but never acts on it', async () => {
    const analysis = { custom_metrics: [{ ...PAYMENTS, dry_run: true }] };
    const id = (await startedCanary(h.o, { analysis, pause: 2 })).id;
    await paymentsRegression(id);
    expect(await h.o.status(id)).toMatchObject({ status: 'progressing' });
    // The step's end judges it with the dry-run metric failing, and the rollout goes on.
    const s = await h.o.waitForStatus(
      id,
      (x) => x.current_step >= 1 || ['rolled_back', 'paused', 'failed'].includes(x.status),
    );
    expect(s.status).toBe('progressing');
    expect(checksOf(s).find((c) => c.name === 'custom:payments_errors')).toMatchObject({
      verdict: 'fail',
      dry_run: true,
    });
  });

  it('applies an environment default custom metric to a deployment without a spec', async () => {
    const set = await h.o.call('set_environment_analysis', {
      environment: 'production',
      custom_metrics: [PAYMENTS],
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.result.metrics['custom:payments_errors']).toBeDefined();
    const id = (await startedCanary(h.o)).id;
    await paymentsRegression(id);
    expect(await h.o.status(id)).toMatchObject({ status: 'rolled_back' });
  });
});

describe('a bad custom metric is refused and nothing is written', () => {
  const deploymentCount = async () =>
    (await h.db.sql<{ n: number }[]>`select count(*)::int as n from deployments`)[0]?.n;
  const bad: Array<[string, unknown[], RegExp]> = [
    ['unknown source', [{ ...PAYMENTS, source: 'otlp_metrics' }], /unknown source "otlp_metrics"/],
    ['duplicate name', [PAYMENTS, { ...PAYMENTS, threshold: 2 }], /defined twice/],
    ['clashing name', [{ ...PAYMENTS, name: 'error_rate' }], /built-in check's name/],
    ['relative threshold', [{ ...PAYMENTS, threshold: 80 }], /margin in percentage points, 0–50/],
    [
      'absolute threshold',
      [{ ...PAYMENTS, comparison: 'absolute', threshold: 0 }],
      /above 0 and at most 100/,
    ],
  ];

  it.each(bad)('start_deployment: %s', async (_, custom_metrics, message) => {
    const version = uniqueVersion();
    await h.o.stage(version);
    const before = await deploymentCount();
    const reply = await h.o.call('start_deployment', {
      ...productionRollout(version, GOOD_GATES),
      traffic: { provider: 'none' },
      analysis: { custom_metrics },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('validation_failed');
    expect(reply.body.error.message).toMatch(message);
    const after = await deploymentCount();
    expect(after).toBe(before);
  });

  it('set_environment_analysis refuses one too', async () => {
    const reply = await h.o.call('set_environment_analysis', {
      environment: 'production',
      custom_metrics: bad[2]?.[1],
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/built-in check's name/);
    const [env] = await h.db.sql<{ analysis: Record<string, unknown> }[]>`
      select analysis from environments where name = 'production'`;
    expect(env?.analysis.custom_metrics).toBeUndefined();
  });
});
