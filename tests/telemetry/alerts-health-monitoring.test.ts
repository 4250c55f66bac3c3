import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES } from '../../shared/function-names.ts';
import { recordRequests, uniqueEnvironment } from '../support/telemetry.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let db: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db, { SLACK_WEBHOOK_URL: 'http://127.0.0.1:9/hook' });
});

const errorTracking = (body: Record<string, unknown>) => api.call('error-tracking', body);
const monitoring = (body: Record<string, unknown>) => api.call('production-monitoring', body);

describe('alert rules', () => {
  it('fire once when the metric crosses, and resolve once when it crosses back', async () => {
    const environment = uniqueEnvironment();
    const created = await errorTracking({
      action: 'create_alert_rule',
      name: `errors-${environment}`,
      metric: 'error_rate',
      threshold: 5,
      time_window: '5m',
      environment,
      severity: 'critical',
    });
    expect(created.status).toBe(200);
    const ruleId = created.body.result.rule.id;
    const check = async () => (await errorTracking({ action: 'check_error_alerts' })).body.result;
    const mine = (list: Array<{ id: number }>) => list.filter((a) => a.id === ruleId);

    expect(mine((await check()).fired)).toEqual([]); // no traffic: nothing to judge
    await recordRequests(api, [
      ...Array.from({ length: 10 }, () => ({ duration_ms: 10, status: 500, environment })),
      ...Array.from({ length: 90 }, () => ({ duration_ms: 10, status: 200, environment })),
    ]);
    const first = await check();
    expect(mine(first.fired)).toEqual([
      expect.objectContaining({ id: ruleId, value: 10, threshold: 5 }),
    ]);
    expect(mine(first.firing)).toHaveLength(1);
    expect(first.critical_firing).toBeGreaterThanOrEqual(1);
    const second = await check();
    expect(mine(second.fired)).toEqual([]);
    expect(mine(second.firing)).toHaveLength(1);

    // 100 more healthy requests: 10 / 200 = 5 %, not above 5 → resolves, once.
    await recordRequests(
      api,
      Array.from({ length: 100 }, () => ({ duration_ms: 10, status: 200, environment })),
    );
    const third = await check();
    expect(mine(third.resolved)).toEqual([expect.objectContaining({ id: ruleId, value: 5 })]);
    expect(mine(third.firing)).toEqual([]);
    expect(mine((await check()).resolved)).toEqual([]);

    const events =
      await db.sql`select kind from alert_events where rule_id = ${ruleId} order by id`;
    expect(events.map((e) => e.kind)).toEqual(['fired', 'resolved']);
  });

  it('refuses a duplicate name with 409 and an unknown metric with 400', async () => {
    const rule = {
      action: 'create_alert_rule',
      name: `dup-${uniqueEnvironment()}`,
      metric: 'error_events',
      threshold: 1,
    };
    expect((await errorTracking(rule)).status).toBe(200);
    const again = await errorTracking(rule);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    expect((await errorTracking({ ...rule, name: 'x', metric: 'vibes' })).status).toBe(400);
  });
});

describe('system health score', () => {
  it('is a number the rollback script can compare, with every component and its share', async () => {
    const reply = await monitoring({ action: 'system_health_score' });
    expect(reply.status).toBe(200);
    expect(typeof reply.body.result.health_score).toBe('number');
    expect(reply.body.result.components.map((c: { name: string }) => c.name)).toEqual([
      'availability',
      'error_rate',
      'latency',
      'critical_issues',
      'queue_backlog',
    ]);
  });

  it('falls when critical issues are open', async () => {
    const environment = uniqueEnvironment();
    const before = (await monitoring({ action: 'system_health_score', environment })).body.result;
    for (const i of [1, 2, 3]) {
      await errorTracking({
        action: 'track_error',
        error_message: `disk ${i} failed ${environment}`,
        component: `c${i}`,
        severity: 'critical',
      });
    }
    const after = (await monitoring({ action: 'system_health_score', environment })).body.result;
    expect(after.components.find((c: { name: string }) => c.name === 'critical_issues').score).toBe(
      0,
    );
    expect(after.health_score).toBeLessThan(before.health_score);
  });
});

describe('synthetic monitoring', () => {
  let target: Server;
  let failing = true;
  let targetUrl: string;

  beforeAll(async () => {
    target = createServer((_req, res) => {
      res.statusCode = failing ? 503 : 200;
      res.end(failing ? 'down' : 'ok');
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', () => r()));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/healthz`;
  });
  afterAll(() => new Promise<void>((r) => target.close(() => r())));

  it('probes every function and each target, opening one incident on the third failure and resolving it', async () => {
    const name = `site-${uniqueEnvironment()}`;
    expect(
      (await monitoring({ action: 'configure_monitoring_target', name, url: targetUrl })).status,
    ).toBe(200);

    const run = async () => (await monitoring({ action: 'run_monitoring' })).body.result;
    const first = await run();
    expect(
      first.probes.filter(
        (p: { target: string; ok: boolean }) => p.target.startsWith('function:') && p.ok,
      ),
    ).toHaveLength(FUNCTION_NAMES.length);
    expect(first.probes.find((p: { target: string }) => p.target === name)).toMatchObject({
      ok: false,
      status: 503,
    });
    expect(first.incidents_opened).toEqual([]);
    expect((await run()).incidents_opened).toEqual([]);
    expect((await run()).incidents_opened).toEqual([name]);
    expect((await run()).incidents_opened).toEqual([]); // still down: the same incident stays open

    const open = (await monitoring({ action: 'list_incidents' })).body.result.incidents;
    expect(open.filter((i: { target: string }) => i.target === name)).toHaveLength(1);

    failing = false;
    expect((await run()).incidents_resolved).toEqual([name]);
    const [row] = await db.sql`select count(*)::int as n from incidents where target = ${name}`;
    expect(row?.n).toBe(1);
  });

  it('is for the scheduler (service_role) only', async () => {
    const reply = await api.call(
      'production-monitoring',
      { action: 'run_monitoring' },
      { token: api.anonKey },
    );
    expect(reply.status).toBe(403);
  });
});

describe('system status', () => {
  it('reports every component with a status', async () => {
    await monitoring({ action: 'run_monitoring' });
    const reply = await monitoring({ action: 'system_status' });
    expect(reply.status).toBe(200);
    const byName = Object.fromEntries(
      reply.body.result.components.map((c: { name: string; status: string }) => [c.name, c.status]),
    );
    expect(byName.database).toBe('operational');
    expect(byName.notifications).toBe('operational');
    for (const fn of FUNCTION_NAMES) expect(byName[`function:${fn}`]).toBe('operational');
    expect(Object.keys(byName)).toEqual(expect.arrayContaining(['queue', 'scheduler']));
  });
});
