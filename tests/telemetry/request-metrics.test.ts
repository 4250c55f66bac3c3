import { beforeAll, describe, expect, it } from 'vitest';
import { round4 } from '../../shared/telemetry/metrics.ts';
import { recordRequests, type Sample, uniqueEnvironment } from '../support/telemetry.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let db: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db);
});

const metrics = (body: Record<string, unknown>) =>
  api.call('production-monitoring', { action: 'performance_metrics', ...body });
const errorRate = (body: Record<string, unknown>) =>
  api.call('error-tracking', { action: 'get_error_rate', ...body });

async function counts() {
  const [row] = await db.sql`
    select (select count(*) from request_samples)::int as samples,
           (select coalesce(sum(requests), 0) from telemetry_rollups)::int as rolled_up,
           (select coalesce(sum(jsonb_array_length(slowest) + jsonb_array_length(failed)), 0)
              from request_exemplars)::int as exemplars`;
  return row;
}

describe('request metrics over a window', () => {
  it('computes error rate, average and throughput exactly, and percentiles within 2.5 %', async () => {
    const environment = uniqueEnvironment();
    // 1,000 requests taking 1..1000 ms; every 27th one (37 of them) failed with a 5xx.
    const samples: Sample[] = Array.from({ length: 1000 }, (_, i) => ({
      duration_ms: i + 1,
      status: (i + 1) % 27 === 0 ? 503 : (i + 1) % 10 === 0 ? 404 : 200,
      environment,
    }));
    await recordRequests(api, samples);

    const m = (await metrics({ time_window: '5m', environment })).body.result;
    expect(m.requests).toBe(1000);
    expect(m.failed).toBe(37);
    expect(m.error_rate).toBe(3.7);
    expect(m.avg_response_time).toBe(500.5);
    expect(m.requests_per_second).toBe(round4(1000 / 300));
    expect(m.insufficient_data).toBe(false);
    for (const [field, exact] of [
      ['p50_response_time', 500],
      ['p95_response_time', 950],
      ['p99_response_time', 990],
    ] as const) {
      expect(Math.abs(m[field] - exact) / exact, field).toBeLessThanOrEqual(0.025);
    }
    const r = (await errorRate({ time_window: '5m', environment })).body.result;
    expect(r).toMatchObject({
      error_rate: 3.7,
      requests: 1000,
      failed: 37,
      error_events: 0,
      insufficient_data: false,
    });
  });

  it('says insufficient_data for an empty window while every figure stays a number', async () => {
    const m = (await metrics({ time_window: '1m', environment: uniqueEnvironment() })).body.result;
    for (const field of [
      'error_rate',
      'avg_response_time',
      'p95_response_time',
      'p99_response_time',
      'requests_per_second',
    ]) {
      expect(m[field], field).toBe(0);
    }
    expect(m.insufficient_data).toBe(true);
    const r = (await errorRate({ time_window: '1m', environment: uniqueEnvironment() })).body
      .result;
    expect(r).toMatchObject({ error_rate: 0, requests: 0, failed: 0, insufficient_data: true });
  });

  it('includes the first instant of the window’s first minute and excludes the instant before', async () => {
    const environment = uniqueEnvironment();
    const asOf = new Date();
    const minuteStart = Math.floor(asOf.getTime() / 60_000) * 60_000;
    const first = minuteStart - 4 * 60_000;
    await recordRequests(api, [
      { duration_ms: 10, status: 200, environment, timestamp: new Date(first).toISOString() },
      { duration_ms: 10, status: 500, environment, timestamp: new Date(first - 1).toISOString() },
      {
        duration_ms: 10,
        status: 200,
        environment,
        timestamp: new Date(asOf.getTime() - 1).toISOString(),
      },
    ]);
    const r = (await errorRate({ time_window: '5m', environment, as_of: asOf.toISOString() })).body
      .result;
    expect(r.requests).toBe(2);
    expect(r.failed).toBe(0);
    expect(r.window_start).toBe(new Date(first).toISOString());
    const wider = (await errorRate({ time_window: '6m', environment, as_of: asOf.toISOString() }))
      .body.result;
    expect(wider).toMatchObject({ requests: 3, failed: 1 });
  });

  it('filters by environment, deployment and variant', async () => {
    const environment = uniqueEnvironment();
    const deployment_id = `dep-${environment}`;
    // Telemetry may name only a deployment that exists, in its environment (issue 13, B8).
    await db.sql`insert into environments (name, rank) values (${environment}, 99)`;
    await db.sql`
      insert into deployments (deployment_id, environment, version, strategy, steps, status, deployed_by, completed_at)
      values (${deployment_id}, ${environment}, 'v1', 'direct', '[]', 'succeeded', 'test', now())`;
    await recordRequests(api, [
      ...Array.from({ length: 10 }, () => ({
        duration_ms: 50,
        status: 500,
        environment,
        deployment_id,
        variant: 'canary' as const,
      })),
      ...Array.from({ length: 90 }, () => ({
        duration_ms: 50,
        status: 200,
        environment,
        deployment_id,
        variant: 'canary' as const,
      })),
      ...Array.from({ length: 200 }, () => ({
        duration_ms: 50,
        status: 200,
        environment,
        deployment_id,
        variant: 'stable' as const,
      })),
      ...Array.from({ length: 5 }, () => ({ duration_ms: 50, status: 502, environment })),
    ]);
    const rate = async (filter: Record<string, string>) =>
      (await errorRate({ time_window: '5m', environment, ...filter })).body.result;
    expect(await rate({})).toMatchObject({ requests: 305, failed: 15 });
    expect(await rate({ deployment_id })).toMatchObject({ requests: 300, failed: 10 });
    expect(await rate({ deployment_id, variant: 'canary' })).toMatchObject({
      requests: 100,
      failed: 10,
      error_rate: 10,
    });
    expect(await rate({ deployment_id, variant: 'stable' })).toMatchObject({
      requests: 200,
      failed: 0,
      error_rate: 0,
    });
  });

  it('answers long windows from hour rollups', async () => {
    const environment = uniqueEnvironment();
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000).toISOString();
    await recordRequests(api, [
      { duration_ms: 100, status: 200, environment, timestamp: twoHoursAgo },
      { duration_ms: 300, status: 500, environment },
    ]);
    const day = (await metrics({ time_window: '1d', environment })).body.result;
    expect(day).toMatchObject({
      resolution: 'hour',
      requests: 2,
      failed: 1,
      error_rate: 50,
      avg_response_time: 200,
    });
    const hour = (await metrics({ time_window: '1h', environment })).body.result;
    expect(hour).toMatchObject({ resolution: 'minute', requests: 1 });
  });

  it('reports per route and the change against the previous window', async () => {
    const environment = uniqueEnvironment();
    const asOf = new Date();
    const earlier = new Date(asOf.getTime() - 6 * 60_000).toISOString();
    await recordRequests(api, [
      ...Array.from({ length: 4 }, () => ({
        duration_ms: 100,
        status: 200,
        route: '/a',
        environment,
        timestamp: earlier,
      })),
      ...Array.from({ length: 6 }, () => ({
        duration_ms: 200,
        status: 200,
        route: '/a',
        environment,
      })),
      ...Array.from({ length: 2 }, () => ({
        duration_ms: 400,
        status: 500,
        route: '/b',
        environment,
      })),
    ]);
    const reply = await api.call('production-monitoring', {
      action: 'performance_report',
      time_window: '5m',
      environment,
      as_of: asOf.toISOString(),
    });
    expect(reply.status).toBe(200);
    const report = reply.body.result;
    expect(report).toMatchObject({
      requests: 8,
      failed: 2,
      error_rate: 25,
      avg_response_time: 250,
    });
    expect(
      report.routes.map((r: { route: string; requests: number }) => [r.route, r.requests]),
    ).toEqual([
      ['/a', 6],
      ['/b', 2],
    ]);
    expect(report.previous).toMatchObject({ requests: 4, avg_response_time: 100, error_rate: 0 });
    expect(report.change_percent.avg_response_time).toBe(150);
    expect(report.change_percent.requests_per_second).toBe(100);
    expect(report.change_percent.error_rate).toBeNull();
  });
});

describe('bad telemetry is refused whole', () => {
  it('rejects a batch with one bad sample, naming its index, and writes nothing', async () => {
    const before = await counts();
    const reply = await api.call('production-monitoring', {
      action: 'record_requests',
      requests: [
        { duration_ms: 1, status: 200 },
        { duration_ms: 1, status: 200 },
        { duration_ms: 1, status: 700 },
      ],
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('validation_failed');
    expect(reply.body.error.message).toMatch(/^requests\.2\.status: /);
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['in the future', () => new Date(Date.now() + 3_600_000).toISOString()],
    ['older than 7 days', () => new Date(Date.now() - 8 * 86_400_000).toISOString()],
  ])('refuses a timestamp %s and writes nothing', async (why, at) => {
    const before = await counts();
    const reply = await api.call('production-monitoring', {
      action: 'record_requests',
      requests: [
        { duration_ms: 1, status: 200 },
        { duration_ms: 1, status: 200, timestamp: at() },
      ],
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toMatchObject({
      code: 'timestamp_out_of_range',
      message: `requests[1].timestamp is ${why}`,
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses more than 5,000 samples in one call', async () => {
    const reply = await api.call('production-monitoring', {
      action: 'record_requests',
      requests: Array.from({ length: 5001 }, () => ({ duration_ms: 1, status: 200 })),
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/^requests: /);
  });

  it.each(['7x', '0m', '31d', 5])('refuses the time window %j with 400', async (time_window) => {
    const reply = await errorRate({ time_window });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details.issues[0].path).toBe('time_window');
  });

  it('needs a token to record and refuses the anon key', async () => {
    const sample = { action: 'record_requests', requests: [{ duration_ms: 1, status: 200 }] };
    expect((await api.call('production-monitoring', sample, { token: null })).status).toBe(401);
    expect((await api.call('production-monitoring', sample, { token: api.anonKey })).status).toBe(
      403,
    );
  });
});
