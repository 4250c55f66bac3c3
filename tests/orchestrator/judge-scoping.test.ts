/**
 * Issue 13's findings B3, B4, B7, B8 against the real API and PostgreSQL: only this deployment's
 * environment, variant, time span and labels count as its evidence, and a rollback acts on what is
 * live now.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { harnessForFile } from '../support/harness.ts';
import { healthyTraffic, startedCanary, uniqueVersion } from '../support/orchestrator.ts';
import { rowSnapshot, settledSnapshot } from '../support/row-snapshot.ts';
import { criticalCanaryErrors, recordRequests } from '../support/telemetry.ts';

const h = harnessForFile({ workers: true, clearProduction: true });
beforeEach(async () => {
  await h.db.sql`update incidents set resolved_at = now() where resolved_at is null`;
});

const target = (name: string, environment: string | null) =>
  h.db.sql`insert into monitoring_targets (name, url, environment)
         values (${name}, 'https://example.com/health', ${environment})`;

describe('incidents scoped to the environment and the deployment (B3)', () => {
  it('ignores an incident on another environment’s target, rolls back on its own', async () => {
    const { id } = await startedCanary(h.o);
    await target(`staging-${id}`, 'staging');
    await h.db.sql`insert into incidents (target, reason) values (${`staging-${id}`}, 'down')`;
    await recordRequests(h.api, healthyTraffic(id));
    expect(await h.o.status(id)).toMatchObject({ status: 'progressing' });

    await target(`prod-${id}`, 'production');
    await h.db.sql`insert into incidents (target, reason) values (${`prod-${id}`}, 'down')`;
    await recordRequests(h.api, healthyTraffic(id));
    const s = await h.o.status(id);
    expect(s).toMatchObject({ status: 'rolled_back' });
    expect(s?.rollback_reason).toMatch(/health_checks: 1 incidents opened on the environment/);
  });

  it('does not blame a canary for an incident open since before it started, but holds it', async () => {
    const name = `before-${uniqueVersion()}`;
    await target(name, 'production');
    await h.db.sql`insert into incidents (target, reason, opened_at)
                 values (${name}, 'down', now() - interval '1 hour')`;
    const { id } = await startedCanary(h.o, { pause: 1 });
    await recordRequests(h.api, healthyTraffic(id));
    const s = await h.o.waitForStatus(id, (x) => (x.analyses as unknown[]).length >= 1);
    expect(s.status).toBe('progressing');
    expect((s.analyses as Array<{ verdict: string }>)[0]?.verdict).toBe('inconclusive');
  });
});

describe('rollback acts on what is live now (B4)', () => {
  it('refuses to roll back a deployment another has replaced, with 409 superseded', async () => {
    const start = (version: string) =>
      h.o.call('start_deployment', { environment: 'staging', version });
    const a = (await start(uniqueVersion('a'))).body.result;
    const b = (await start(uniqueVersion('b'))).body.result;
    expect([a.status, b.status]).toEqual(['succeeded', 'succeeded']);
    const before = await settledSnapshot(h.db.sql);
    const reply = await h.o.call('rollback', { deployment_id: a.deployment_id, reason: 'old one' });
    expect(reply.status).toBe(409);
    expect(reply.body.error).toMatchObject({
      code: 'superseded',
      details: { superseded_by: b.deployment_id, status: 'succeeded' },
    });
    expect(await rowSnapshot(h.db.sql)).toEqual(before);
    // The live one rolls back to A, the version live before it, and says traffic did not move
    // (provider "none" has nothing to move).
    const live = await h.o.call('rollback', { deployment_id: b.deployment_id, reason: 'bad' });
    expect(live.body.result).toMatchObject({
      status: 'rolled_back',
      rollback_target: a.version,
      traffic_moved: 'not_moved',
    });
  });
});

describe('critical error events count (B7)', () => {
  it('rolls back a canary sending critical events the stable does not', async () => {
    const { id } = await startedCanary(h.o);
    await recordRequests(h.api, healthyTraffic(id));
    const events = criticalCanaryErrors(id, 200);
    const reply = await h.api.call('error-tracking', { action: 'track_errors', events });
    expect(reply.status).toBe(200);
    const s = await h.o.status(id);
    expect(s).toMatchObject({ status: 'rolled_back' });
    expect(s?.rollback_reason).toMatch(/critical_errors: 200 critical or fatal events/);
  });
});

describe('telemetry labels are validated (B8)', () => {
  const sample = (extra: Record<string, unknown>) => ({ duration_ms: 50, status: 500, ...extra });
  const record = (requests: unknown[]) =>
    h.api.call('production-monitoring', { action: 'record_requests', requests });

  it('refuses an unknown deployment, a mismatched environment, a missing variant, a sample older than the deployment', async () => {
    const { id } = await startedCanary(h.o);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ deployment_id: 'no-such-deployment', variant: 'canary' }, 'unknown_deployment'],
      [{ deployment_id: id, variant: 'canary', environment: 'staging' }, 'environment_mismatch'],
      [{ deployment_id: id, environment: 'production' }, 'variant_required'],
      [
        {
          deployment_id: id,
          variant: 'canary',
          timestamp: new Date(Date.now() - 3_600_000).toISOString(),
        },
        'before_deployment',
      ],
    ];
    for (const [labels, code] of cases) {
      const before = await settledSnapshot(h.db.sql);
      const reply = await record([
        sample({ variant: 'stable', deployment_id: id }),
        sample(labels),
      ]);
      expect(reply.status, code).toBe(422);
      expect(reply.body.error.code).toBe(code);
      expect(reply.body.error.message).toMatch(/^requests\[1\]/);
      expect(await rowSnapshot(h.db.sql)).toEqual(before);
    }
    expect(await h.o.status(id)).toMatchObject({ status: 'progressing' });
  });

  it('holds error events to the same rules: a fatal event never counts for a deployment it does not fit', async () => {
    const { id } = await startedCanary(h.o);
    const event = (extra: Record<string, unknown>) => ({
      error_message: 'boom',
      component: 'api',
      severity: 'fatal',
      ...extra,
    });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ deployment_id: 'no-such-deployment', variant: 'canary' }, 'unknown_deployment'],
      [{ deployment_id: id, variant: 'canary', environment: 'staging' }, 'environment_mismatch'],
      [{ deployment_id: id, environment: 'production' }, 'variant_required'],
    ];
    for (const [labels, code] of cases) {
      const before = await settledSnapshot(h.db.sql);
      const reply = await h.api.call('error-tracking', {
        action: 'track_errors',
        events: [event({ variant: 'stable', deployment_id: id }), event(labels)],
      });
      expect(reply.status, code).toBe(422);
      expect(reply.body.error.code).toBe(code);
      expect(reply.body.error.message).toMatch(/^events\[1\]/);
      expect(await rowSnapshot(h.db.sql)).toEqual(before);
    }
    expect(await h.o.status(id)).toMatchObject({ status: 'progressing' });
  });
});
