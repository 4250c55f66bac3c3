import { afterAll } from 'vitest';
import { consoleLogger, silentLogger } from '../../shared/log.ts';
import { startQueue } from '../../stack/queue.ts';
import { productionRollout } from '../../stack/rollout-request.ts';
import { waitFor } from './stack-process.ts';
import type { TestApi } from './test-api.ts';
import type { TestDatabase } from './test-database.ts';
import { approverToken } from './tokens.ts';

export const TEST_WEBHOOK_SECRET = 'test-webhook-secret';

/** The stack's real queue workers (step timers, traffic webhooks) against a test database. */
export async function startWorkers(
  db: TestDatabase,
  options: { supabaseUrl?: string; slack?: { default?: string; emergency?: string } } = {},
) {
  const log = process.env.ROLLGATE_TEST_LOG ? consoleLogger : silentLogger;
  const ctx = {
    sql: db.sql,
    supabaseUrl: options.supabaseUrl,
    env: () => undefined,
    webhookSecret: TEST_WEBHOOK_SECRET,
    slack: { default: options.slack?.default, emergency: options.slack?.emergency },
  };
  const queue = await startQueue(db.url, ctx, log, { periodic: false });
  afterAll(() => queue.stop());
  return queue;
}

let counter = 0;
export function uniqueVersion(prefix = 'v'): string {
  counter += 1;
  return `${prefix}${process.pid}.${counter}.${Date.now() % 100000}`;
}

/** Passing evidence for production's quality gates. */
export const GOOD_GATES = {
  code_coverage: 85,
  security_critical: 0,
  performance_p95_ms: 150,
  integration_pass_rate: 100,
  vulnerabilities_high: 0,
};

type Status = { status: string; current_step: number } & Record<string, unknown>;

export function orchestrator(api: TestApi) {
  const call = (
    action: string,
    body: Record<string, unknown> = {},
    options: { token?: string | null; headers?: Record<string, string> } = {},
  ) => api.call('deploy-orchestrator', { action, ...body }, options);
  const status = async (deployment_id: string): Promise<Status | null> =>
    (await call('get_status', { deployment_id })).body.result ?? null;
  return {
    call,
    status,
    async waitForStatus(
      deployment_id: string,
      wanted: string | ((s: Status) => boolean),
      timeoutMs = 20_000,
    ): Promise<Status> {
      // Assigned inside the polled closure: typed so control flow does not narrow it to null.
      let last = null as Status | null;
      const ok = typeof wanted === 'string' ? (s: Status) => s.status === wanted : wanted;
      try {
        await waitFor(
          async () => {
            last = await status(deployment_id);
            return last !== null && ok(last);
          },
          timeoutMs,
          `${deployment_id} to reach ${typeof wanted === 'string' ? wanted : 'a condition'}`,
        );
      } catch (err) {
        throw new Error(`${(err as Error).message}; last seen: ${JSON.stringify(last)}`);
      }
      return last as Status;
    },
    /** Stages a version (direct, no approval) so production accepts it. */
    async stage(version: string) {
      const reply = await call('start_deployment', {
        environment: 'staging',
        version,
        actor: 'ci',
      });
      if (reply.body.result?.status !== 'succeeded')
        throw new Error(`staging failed: ${JSON.stringify(reply.body)}`);
      return reply.body.result;
    },
  };
}

/** Traffic for one deployment: `errors` of every 100 requests fail, latency around `ms`. */
export function traffic(
  deployment_id: string,
  variant: 'canary' | 'stable',
  count: number,
  options: { errorsPer100?: number; ms?: number; offset?: number } = {},
) {
  const errors = options.errorsPer100 ?? 1;
  const ms = options.ms ?? 100;
  return Array.from({ length: count }, (_, i) => {
    const n = i + (options.offset ?? 0);
    return {
      duration_ms: ms * (0.9 + ((n * 37) % 20) / 100),
      status: n % 100 < errors ? 500 : 200,
      environment: 'production',
      deployment_id,
      variant,
    };
  });
}

/** Healthy traffic for a canary and its stable (three times the canary's), 1 in 100 failing. */
export function healthyTraffic(deployment_id: string, canary = 100) {
  return [
    ...traffic(deployment_id, 'stable', canary * 3, { errorsPer100: 1 }),
    ...traffic(deployment_id, 'canary', canary, { errorsPer100: 1 }),
  ];
}

/** A production canary waiting out a long first step (its timer will not fire during a test). */
export async function startedCanary(
  o: ReturnType<typeof orchestrator>,
  options: {
    pause?: number;
    traffic?: Record<string, unknown>;
    version?: string;
    analysis?: Record<string, unknown>;
  } = {},
) {
  const version = options.version ?? uniqueVersion();
  await o.stage(version);
  const pause = options.pause ?? 300;
  const started = await o.call('start_deployment', {
    ...productionRollout(version, GOOD_GATES, [25, pause], [50, pause], [100, 0]),
    traffic: options.traffic ?? { provider: 'none' },
    ...(options.analysis ? { analysis: options.analysis } : {}),
  });
  if (started.status !== 200) throw new Error(`start failed: ${JSON.stringify(started.body)}`);
  const id = started.body.result.deployment_id as string;
  const approved = await o.call('approve', { deployment_id: id }, { token: await approverToken() });
  if (approved.body.result?.status !== 'progressing')
    throw new Error(`approve failed: ${JSON.stringify(approved.body)}`);
  return { id, version };
}

/** Ends whatever rollout is active in production, so the next test may start one. */
export async function clearProduction(o: ReturnType<typeof orchestrator>) {
  const active = await o.call('list_deployments', { environment: 'production', limit: 20 });
  for (const d of active.body.result.deployments as Array<{
    deployment_id: string;
    status: string;
  }>) {
    if (['pending_approval', 'progressing', 'paused'].includes(d.status)) {
      await o.call('rollback', { deployment_id: d.deployment_id, reason: 'test cleanup' });
    }
  }
}
