/** A deployment's analysis spec (issue 13): overrides, dry-run checks, pause instead of rollback. */
import { describe, expect, it } from 'vitest';
import { productionRollout } from '../../stack/rollout-request.ts';
import { harnessForFile } from '../support/harness.ts';
import { GOOD_GATES, traffic, uniqueVersion } from '../support/orchestrator.ts';
import { recordRequests } from '../support/telemetry.ts';
import { approverToken } from '../support/tokens.ts';

const h = harnessForFile({ clearProduction: true });

async function canaryWith(analysis: Record<string, unknown>) {
  const version = uniqueVersion();
  await h.o.stage(version);
  const started = await h.o.call('start_deployment', {
    ...productionRollout(version, GOOD_GATES),
    analysis,
  });
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  const id = started.body.result.deployment_id as string;
  await h.o.call('approve', { deployment_id: id }, { token: await approverToken() });
  return id;
}
const failing = (id: string) => [
  ...traffic(id, 'stable', 300, { errorsPer100: 1 }),
  ...traffic(id, 'canary', 100, { errorsPer100: 60 }),
];

describe('the analysis spec of a deployment', () => {
  // First: the environment has no traffic yet (later tests send failing canaries).
  it('answers a pre-flight power report with steps sized for the targets', async () => {
    const reply = await h.o.call('preflight', { environment: 'production' });
    expect(reply.status).toBe(200);
    const r = reply.body.result;
    expect(r.sized_steps).toHaveLength(3);
    expect(r.sized_steps[0].min_canary_requests).toBeGreaterThan(100);
    expect(r.sized_steps[1].min_canary_requests).toBeGreaterThan(
      r.sized_steps[0].min_canary_requests,
    );
    expect(r.sized_steps[2].min_canary_requests).toBeUndefined();
    expect(typeof r.summary).toBe('string');
    const unknown = await h.o.call('preflight', { environment: 'nowhere' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('unknown_environment');
  });
  it('records the spec it is judged by in the first audit row', async () => {
    const id = await canaryWith({ thresholds: { alpha: 0.001 }, on_failure: 'pause' });
    const events = (await h.o.status(id))?.events as Array<{ details: Record<string, unknown> }>;
    expect(events[0]?.details.analysis).toMatchObject({
      on_failure: 'pause',
      thresholds: { alpha: 0.001, max_error_rate: 5, error_rate_margin: 0.5 },
      // Every metric's settings as they stood at the start, environment defaults included.
      metrics: { error_rate: { on_failure: 'pause', critical: true, no_data: 'hold' } },
    });
  });

  it('shows dry-run checks failing without acting on them', async () => {
    const id = await canaryWith({
      dry_run: ['error_rate', 'error_rate_vs_stable', 'late_regression'],
    });
    await recordRequests(h.api, failing(id));
    expect(await h.o.status(id)).toMatchObject({ status: 'progressing' });
  });

  it('pauses for a human instead of rolling back when on_failure is pause', async () => {
    const id = await canaryWith({ on_failure: 'pause' });
    await recordRequests(h.api, failing(id));
    const s = await h.o.status(id);
    expect(s).toMatchObject({ status: 'paused', weight: 25 });
    const last = (
      (s?.events ?? []) as Array<{ event: string; details: Record<string, unknown> }>
    ).at(-1);
    expect(last?.event).toBe('paused');
    expect(last?.details.reason).toMatch(/^canary analysis failed: error_rate/);
  });

  it('refuses an unknown setting with 400 validation_failed', async () => {
    const reply = await h.o.call('start_deployment', {
      environment: 'production',
      version: uniqueVersion(),
      gates: GOOD_GATES,
      analysis: { thresholds: { max_error_rte: 3 } },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('validation_failed');
  });

  it('lets an admin change an environment’s defaults, and refuses an unknown setting', async () => {
    const set = (thresholds: Record<string, unknown>) =>
      h.o.call('set_environment_analysis', { environment: 'production', thresholds });
    const changed = await set({ error_rate_margin: 1 });
    expect(changed.status).toBe(200);
    expect(changed.body.result.before.error_rate_margin).toBe(0.5);
    expect(changed.body.result.thresholds).toMatchObject({ error_rate_margin: 1, alpha: 0.005 });
    expect((await set({ error_rate_margin: 0.5 })).status).toBe(200);
    // Each change is versioned in the hash-chained audit log: who, before and after.
    const rows = await h.db.sql<{ details: Record<string, unknown> }[]>`
      select details from deployment_audit
       where deployment_id = 'settings/production' and event = 'environment_analysis_changed'
       order by id desc limit 2`;
    expect(rows.map((r) => r.details)).toMatchObject([
      {
        before: { thresholds: { error_rate_margin: 1 } },
        after: { thresholds: { error_rate_margin: 0.5 } },
      },
      {
        before: { thresholds: { error_rate_margin: 0.5 } },
        after: { thresholds: { error_rate_margin: 1 } },
      },
    ]);
    expect(rows[0]?.details.actor).toEqual(expect.any(String));
    expect((await h.o.call('verify_audit')).body.result.intact).toBe(true);
    const empty = await set({});
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({
      code: 'validation_failed',
      message: 'name at least one setting',
    });
    const bad = await set({ confidence: 3 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });
});
