import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let db: TestDatabase;
let api: TestApi;

const AS_OF = '2026-03-31T00:00:00Z';

/** One row of `deployments` with fixed timestamps, as the orchestrator would have left it. */
async function deployment(
  id: string,
  status: string,
  started: string,
  completed: string | null,
  options: { commit?: string; environment?: string; strategy?: string } = {},
) {
  await db.sql`
    insert into public.deployments
      (deployment_id, environment, version, strategy, steps, status, deployed_by, started_at,
       completed_at, commit_time)
    values (${id}, ${options.environment ?? 'production'}, ${`v-${id}`}, ${options.strategy ?? 'canary'},
       '[{"weight": 100, "pause_seconds": 0}]', ${status}, 'ci', ${started}, ${completed},
       ${options.commit ?? null})`;
}

async function logged(deployment: Record<string, unknown>) {
  const reply = await api.call('production-monitoring', { action: 'log_deployment', deployment });
  expect(reply.status).toBe(200);
}

const statistics = (body: Record<string, unknown> = {}, token?: string | null) =>
  api.call('production-monitoring', { action: 'deployment_statistics', ...body }, { token });

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db);

  // Outside the window or the environment: never counted.
  await deployment('before', 'failed', '2026-02-28T23:00:00Z', '2026-03-01T00:30:00Z');
  await deployment('staging', 'succeeded', '2026-03-27T10:00:00Z', '2026-03-27T10:05:00Z', {
    environment: 'staging',
    strategy: 'direct',
  });
  // The known history of March 2026 in production.
  await deployment('p1', 'succeeded', '2026-03-02T10:00:00Z', '2026-03-02T10:30:00Z', {
    commit: '2026-03-02T07:30:00Z',
  });
  await deployment('p2', 'rolled_back', '2026-03-05T12:00:00Z', '2026-03-05T12:10:00Z');
  await deployment('p3', 'succeeded', '2026-03-05T12:20:00Z', '2026-03-05T12:40:00Z', {
    commit: '2026-03-05T11:40:00Z',
  });
  await deployment('p4', 'failed', '2026-03-10T09:00:00Z', '2026-03-10T09:05:00Z');
  await logged({
    deployment_id: 'p5',
    environment: 'production',
    status: 'success',
    started_at: '2026-03-10 09:06:00 UTC',
    completed_at: '2026-03-10 09:11:00 UTC',
  });
  await logged({
    deployment_id: 'p11',
    environment: 'production',
    status: 'failed',
    started_at: '2026-03-15 08:00:00 UTC',
    completed_at: '2026-03-15 08:01:00 UTC',
  });
  await deployment('p6', 'succeeded', '2026-03-20T14:00:00Z', '2026-03-20T15:00:00Z', {
    commit: '2026-03-19T15:00:00Z',
  });
  await deployment('p7', 'succeeded', '2026-03-25T10:00:00Z', '2026-03-25T10:10:00Z', {
    commit: '2026-03-25T05:10:00Z',
    strategy: 'direct',
  });
  await deployment('p10', 'rolled_back', '2026-03-28T10:00:00Z', '2026-03-28T10:15:00Z');
  await deployment('p8', 'progressing', '2026-03-30T23:00:00Z', null);
  // Succeeded, but after the window's end: in progress as of AS_OF, and no recovery for p10.
  await deployment('p9', 'succeeded', '2026-03-30T23:50:00Z', '2026-03-31T00:10:00Z');
});

describe('deployment_statistics', () => {
  it('matches a known history exactly: the runbook’s figures and the four DORA keys', async () => {
    const reply = await statistics({ time_window: '30d', as_of: AS_OF });
    expect(reply.status).toBe(200);
    expect(reply.body.result).toEqual({
      environment: 'production',
      service: null,
      time_window: '30d',
      window_start: '2026-03-01T00:00:00.000Z',
      window_end: '2026-03-31T00:00:00.000Z',
      // p1–p11: 5 succeeded, 2 rolled back, 2 failed, 2 still running at the window's end.
      production_deployments: 11,
      succeeded: 5,
      rollbacks: 2,
      failures: 2,
      in_progress: 2,
      external_deployments: 2,
      // 5 of 9 finished.
      success_rate: 55.5556,
      success_rate_target: { goal: '> 95 %', met: false },
      // (30 + 20 + 5 + 60 + 10) / 5 minutes.
      avg_deployment_time: 25,
      insufficient_data: false,
      dora: {
        deployment_frequency: {
          per_day: 0.1667,
          deployments: 5,
          tier: 'high',
          target: { goal: 'daily', met: false },
        },
        // 3 h, 1 h, 24 h, 5 h (p5 has no commit time): median 4 h, mean 8.25 h.
        lead_time_for_changes: {
          median_hours: 4,
          mean_hours: 8.25,
          samples: 4,
          excluded: 1,
          tier: 'elite',
          target: { goal: '< 4 h', met: false },
        },
        // p2, p4, p10, p11 of 9 finished.
        change_failure_rate: {
          percent: 44.4444,
          failed_changes: 4,
          deployments: 9,
          tier: 'medium',
          target: { goal: '< 5 %', met: false },
        },
        // p2 → p3 30 min, p4 → p5 6 min, p11 → p6 7,619 min; p10 not recovered by AS_OF.
        failed_deployment_recovery_time: {
          median_minutes: 30,
          mean_minutes: 2551.6667,
          recoveries: 3,
          unrecovered: 1,
          tier: 'elite',
          target: { goal: '< 10 min', met: false },
        },
      },
    });
  });

  it('serves the runbook’s compliance script: numbers at the paths it reads, for the anon key', async () => {
    const { status, body } = await statistics({ time_window: '30d', as_of: AS_OF }, api.anonKey);
    expect(status).toBe(200);
    const line = (label: string, value: unknown, unit = '') =>
      `### ${label}: ${String(value)}${unit}`;
    expect(
      [
        line('Production Deployments', body.result.production_deployments),
        line('Rollbacks', body.result.rollbacks),
        line('Success Rate', body.result.success_rate, '%'),
        line('Average Deployment Time', body.result.avg_deployment_time, ' minutes'),
      ].join('\n'),
    ).toBe(
      '### Production Deployments: 11\n### Rollbacks: 2\n### Success Rate: 55.5556%\n### Average Deployment Time: 25 minutes',
    );
  });

  it('gives another environment and a shorter window only their own deployments', async () => {
    const staging = await statistics({ environment: 'staging', as_of: AS_OF });
    expect(staging.body.result).toMatchObject({
      time_window: '30d',
      production_deployments: 1,
      succeeded: 1,
      success_rate: 100,
      avg_deployment_time: 5,
    });
    const week = await statistics({ time_window: '7d', as_of: AS_OF });
    // p7, p10, p8 and p9 started in the last 7 days: p7 succeeded, p10 was rolled back.
    expect(week.body.result).toMatchObject({
      production_deployments: 4,
      succeeded: 1,
      rollbacks: 1,
      in_progress: 2,
      success_rate: 50,
      insufficient_data: false,
    });
    expect(week.body.result.dora.failed_deployment_recovery_time).toMatchObject({
      recoveries: 0,
      unrecovered: 1,
      tier: null,
    });
  });

  it('answers zeros and insufficient_data for a window without deployments', async () => {
    const { body } = await statistics({ time_window: '1h', as_of: '2026-01-01T00:00:00Z' });
    expect(body.result).toMatchObject({
      production_deployments: 0,
      rollbacks: 0,
      success_rate: 0,
      avg_deployment_time: 0,
      insufficient_data: true,
    });
  });

  it('counts a deployment the orchestrator ran, with its lead time from commit_time', async () => {
    const commit = new Date(Date.now() - 90 * 60_000).toISOString();
    const started = await api.call('deploy-orchestrator', {
      action: 'start_deployment',
      environment: 'development',
      version: 'v-dev-1',
      commit_time: commit,
      actor: 'ci',
    });
    expect(started.body.result.status).toBe('succeeded');
    const { body } = await statistics({ environment: 'development', time_window: '1h' });
    expect(body.result).toMatchObject({
      production_deployments: 1,
      succeeded: 1,
      success_rate: 100,
    });
    expect(body.result.dora.lead_time_for_changes.samples).toBe(1);
    expect(body.result.dora.lead_time_for_changes.median_hours).toBeCloseTo(1.5, 2);
  });

  it('refuses a bad window, an unknown environment and a caller without a token', async () => {
    const badWindow = await statistics({ time_window: '31d' });
    expect(badWindow.status).toBe(400);
    expect(badWindow.body.error.code).toBe('validation_failed');
    const unknown = await statistics({ environment: 'nowhere' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('unknown_environment');
    expect((await statistics({}, null)).status).toBe(401);
  });
});
