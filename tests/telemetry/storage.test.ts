import { beforeAll, describe, expect, it } from 'vitest';
import { recordRequests, type Sample, uniqueEnvironment } from '../support/telemetry.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { operatorToken } from '../support/tokens.ts';

let db: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db);
});

const monitoring = (body: Record<string, unknown>, token?: string) =>
  api.call('production-monitoring', body, token === undefined ? undefined : { token });
const setSettings = async (settings: Record<string, unknown>) => {
  const reply = await monitoring({ action: 'set_telemetry_settings', ...settings });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.result;
};
const rawRows = async (environment: string) => {
  const [row] = await db.sql<{ n: number }[]>`
    select count(*)::int as n from request_samples where environment = ${environment}`;
  return row?.n;
};
const rolledUp = async (environment: string) => {
  const [row] = await db.sql<{ n: number }[]>`
    select coalesce(sum(requests), 0)::int as n from telemetry_rollups
     where environment = ${environment} and scope = 'env' and resolution = 'minute'`;
  return row?.n;
};

/** Samples in one minute that already passed (so every one lands in the same bucket). */
function minuteOfSamples(environment: string, count: number, start: number): Sample[] {
  return Array.from({ length: count }, (_, i) => ({
    duration_ms: ((i * 7919) % count) + 1,
    status: i % 7 === 3 ? 503 : 200,
    route: `/r/${i % 3}`,
    environment,
    variant: i % 4 === 0 ? 'canary' : 'stable',
    timestamp: new Date(start + (i % 50_000)).toISOString(),
  }));
}
const lastWholeMinute = () => Math.floor(Date.now() / 60_000) * 60_000 - 60_000;

describe('raw samples are optional: the rollups are the record', () => {
  it('stores no raw row by default, yet counts every request', async () => {
    const settings = (await monitoring({ action: 'get_telemetry_settings' })).body.result.settings;
    expect(settings).toMatchObject({ raw_samples: 'off', exemplars_per_minute: 5 });
    const environment = uniqueEnvironment('raw-off');
    await recordRequests(api, minuteOfSamples(environment, 300, lastWholeMinute()));
    expect(await rawRows(environment)).toBe(0);
    expect(await rolledUp(environment)).toBe(300);
  });

  it('stores every request raw when on, about the rate when sampled, none again when off', async () => {
    const on = uniqueEnvironment('raw-on');
    await setSettings({ raw_samples: 'on' });
    await recordRequests(api, minuteOfSamples(on, 400, lastWholeMinute()));
    expect(await rawRows(on)).toBe(400);

    const sampled = uniqueEnvironment('raw-sampled');
    await setSettings({ raw_samples: 'sampled', raw_sample_rate: 0.25 });
    await recordRequests(api, minuteOfSamples(sampled, 4000, lastWholeMinute()));
    const kept = (await rawRows(sampled)) as number;
    // Binomial(4000, 0.25): mean 1000, sd 27; ±6 sd never fails by chance.
    expect(kept).toBeGreaterThan(840);
    expect(kept).toBeLessThan(1160);
    expect(await rolledUp(sampled)).toBe(4000);

    const off = uniqueEnvironment('raw-off-again');
    await setSettings({ raw_samples: 'off' });
    await recordRequests(api, minuteOfSamples(off, 100, lastWholeMinute()));
    expect(await rawRows(off)).toBe(0);
  });

  it('lets only an admin change the settings, and refuses bad values writing nothing', async () => {
    const viewer = await operatorToken(['viewer']);
    const denied = await monitoring(
      { action: 'set_telemetry_settings', raw_samples: 'on' },
      viewer,
    );
    expect(denied.status).toBe(403);
    expect((await monitoring({ action: 'get_telemetry_settings' }, viewer)).status).toBe(200);
    const bad = await monitoring({
      action: 'set_telemetry_settings',
      raw_samples: 'on',
      raw_sample_rate: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const empty = await monitoring({ action: 'set_telemetry_settings' });
    expect(empty.status).toBe(400);
    const admin = await operatorToken(['admin']);
    const changed = await monitoring(
      { action: 'set_telemetry_settings', exemplars_per_minute: 3 },
      admin,
    );
    expect(changed.status).toBe(200);
    expect(changed.body.result.before.exemplars_per_minute).toBe(5);
    expect(changed.body.result.settings).toMatchObject({
      raw_samples: 'off',
      exemplars_per_minute: 3,
    });
    await setSettings({ exemplars_per_minute: 5 });
  });
});

describe('exemplars', () => {
  it('keeps the 5 slowest and the 5 first failed requests per minute and series, whatever the volume', async () => {
    const environment = uniqueEnvironment('exemplars');
    const start = lastWholeMinute();
    const samples = minuteOfSamples(environment, 20_000, start);
    // Four concurrent writers into the same rows: no deadlock, and the same top 5 as one writer.
    await Promise.all(
      [0, 1, 2, 3].map((k) => recordRequests(api, samples.slice(k * 5000, (k + 1) * 5000))),
    );
    const rows = await db.sql<{ variant: string; slowest: number; failed: number }[]>`
      select variant, jsonb_array_length(slowest) as slowest, jsonb_array_length(failed) as failed
        from request_exemplars where environment = ${environment} order by variant`;
    expect(rows).toEqual([
      { variant: 'canary', slowest: 5, failed: 5 },
      { variant: 'stable', slowest: 5, failed: 5 },
    ]);
    // 20,000 requests of one minute are 12 rollup rows: minute and hour × (environment, two
    // variants, three routes) — storage grows with minutes × series, not with requests.
    const [rollups] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from telemetry_rollups where environment = ${environment}`;
    expect(rollups?.n).toBe(12);

    const reply = await monitoring({
      action: 'request_exemplars',
      time_window: '5m',
      environment,
      variant: 'stable',
    });
    expect(reply.status).toBe(200);
    const exemplars = reply.body.result.exemplars as Array<Record<string, unknown>>;
    const stable = samples.filter((s) => s.variant === 'stable');
    const slowest = stable.map((s) => s.duration_ms).sort((a, b) => b - a);
    expect(exemplars.filter((e) => e.kind === 'slowest').map((e) => e.duration_ms)).toEqual(
      slowest.slice(0, 5),
    );
    const firstFailed = stable
      .filter((s) => s.status >= 500)
      .map((s) => s.timestamp as string)
      .sort()
      .slice(0, 5);
    expect(
      exemplars
        .filter((e) => e.kind === 'failed')
        .map((e) => e.occurred_at)
        .sort(),
    ).toEqual(firstFailed);
    expect(exemplars[0]).toMatchObject({ environment, variant: 'stable', deployment_id: '' });
    expect(exemplars[0]?.route).toMatch(/^\/r\/\d$/);
  });

  it('links a failed request to the error events that carry its trace id', async () => {
    const environment = uniqueEnvironment('traced');
    const trace_id = '4bf92f3577b34da6a3ce929d0e0e4736';
    await recordRequests(api, [
      { duration_ms: 12, status: 200, environment, route: '/ok' },
      { duration_ms: 840, status: 502, environment, route: '/checkout', trace_id },
    ]);
    const tracked = await api.call('error-tracking', {
      action: 'track_error',
      error_message: 'payment provider timed out',
      component: 'checkout',
      severity: 'error',
      environment,
      trace_id,
    });
    expect(tracked.status).toBe(200);
    const [stored] = await db.sql<{ trace_id: string }[]>`
      select trace_id from error_events where environment = ${environment}`;
    expect(stored?.trace_id).toBe(trace_id);

    const reply = await monitoring({
      action: 'request_exemplars',
      time_window: '5m',
      environment,
      kind: 'failed',
    });
    expect(reply.body.result.exemplars).toEqual([
      expect.objectContaining({
        kind: 'failed',
        route: '/checkout',
        status: 502,
        duration_ms: 840,
        trace_id,
        error_events: [
          expect.objectContaining({
            issue_id: tracked.body.result.issue_id,
            title: 'payment provider timed out',
            severity: 'error',
          }),
        ],
      }),
    ]);
  });

  it('are internals: the publishable key may not read them', async () => {
    const reply = await monitoring(
      { action: 'request_exemplars', time_window: '5m' },
      api.publishableKey,
    );
    expect(reply.status).toBe(403);
  });

  it('go with the raw retention', async () => {
    const environment = uniqueEnvironment('old-exemplars');
    await db.sql`
      insert into request_exemplars (bucket, environment, slowest)
      values (now() - interval '8 days', ${environment}, '[{"ms": 1}]')`;
    await db.sql`select public.telemetry_apply_retention()`;
    const [row] = await db.sql<{ n: number }[]>`
      select count(*)::int as n from request_exemplars where environment = ${environment}`;
    expect(row?.n).toBe(0);
  });
});

describe('window answers do not depend on the raw setting', () => {
  it('answers every telemetry read identically with raw samples on, sampled and off', async () => {
    const modes = ['on', 'sampled', 'off'] as const;
    const stores = await Promise.all(
      modes.map(async (raw_samples) => {
        const store = await createTestDatabase();
        const storeApi = await startTestApi(store);
        const reply = await storeApi.call('production-monitoring', {
          action: 'set_telemetry_settings',
          raw_samples,
          raw_sample_rate: 0.1,
        });
        expect(reply.status).toBe(200);
        return storeApi;
      }),
    );
    // The same batches, spread over the last 20 minutes, with error events among them.
    const asOf = new Date(lastWholeMinute() + 59_999).toISOString();
    const batches = Array.from({ length: 8 }, (_, b) =>
      minuteOfSamples('production', 2000, lastWholeMinute() - b * 150_000).map((s, i) => ({
        ...s,
        duration_ms: Math.round(3 + (400 * ((i * 37 + b) % 101) ** 2) / 10_201),
      })),
    );
    const reads = [
      ['error-tracking', { action: 'get_error_rate', time_window: '5m' }],
      ['error-tracking', { action: 'get_error_rate', time_window: '1h', variant: 'canary' }],
      ['production-monitoring', { action: 'performance_metrics', time_window: '30m' }],
      ['production-monitoring', { action: 'performance_metrics', time_window: '1d' }],
      [
        'production-monitoring',
        { action: 'performance_metrics', time_window: '15m', variant: 'stable' },
      ],
      ['production-monitoring', { action: 'performance_report', time_window: '10m' }],
    ] as const;
    const answers = await Promise.all(
      stores.map(async (storeApi) => {
        for (const batch of batches) await recordRequests(storeApi, batch);
        const errors = await storeApi.call('error-tracking', {
          action: 'track_errors',
          events: Array.from({ length: 30 }, (_, i) => ({
            error_message: `failure ${i % 3}`,
            component: 'api',
            severity: i % 10 === 0 ? 'critical' : 'error',
            environment: 'production',
            variant: i % 2 === 0 ? 'canary' : 'stable',
            timestamp: new Date(lastWholeMinute() - i * 20_000).toISOString(),
          })),
        });
        expect(errors.status).toBe(200);
        return Promise.all(
          reads.map(async ([fn, body]) => {
            const reply = await storeApi.call(fn, {
              ...body,
              environment: 'production',
              as_of: asOf,
            });
            expect(reply.status).toBe(200);
            return reply.body.result;
          }),
        );
      }),
    );
    expect(answers[0]?.[1]).toMatchObject({ requests: 4000, failed: 568, error_events: 15 });
    expect(answers[0]?.[3]).toMatchObject({ requests: 16_000, failed: 2288 });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });
});
