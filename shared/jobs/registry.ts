import { runAuditCheckpoint } from '../audit/checkpoint-job.ts';
import type { FunctionName } from '../function-names.ts';
import { runMonitoring } from '../monitoring/run-monitoring.ts';
import { QUEUE_DEFINITIONS, type QueueDefinition, type QueueName } from '../queue/queues.ts';
import type { Pool } from '../sql/client.ts';
import { evaluateAlerts } from '../telemetry/alert-evaluation.ts';
import { QUEUE_WORKERS, type WorkerContext } from './queue-workers.ts';

/**
 * Every job Rollgate runs, in one list. The local stack's workers and pg-boss schedules, the
 * hosted pg_cron schedules (`rollgate setup`), the queues the migrations create and the
 * orchestrator's `tick` are all derived from it; tests compare `cron.job` and `pgboss.queue`
 * against it.
 */

/** What a scheduled job's local handler gets (the stack's worker context adds the rest). */
export interface JobContext {
  sql: Pool;
  /** Where the functions answer (SUPABASE_URL), for the synthetic probes. */
  supabaseUrl: string | undefined;
  /** The settings the functions read (ROLLGATE_AUDIT_KEY, the checkpoint sinks). */
  env: (name: string) => string | undefined;
}

/** A job sent to a queue by the core (in the sender's transaction) and worked by a worker. */
export interface QueueJob extends QueueDefinition {
  name: QueueName;
  handle: (typeof QUEUE_WORKERS)[number]['handle'];
}

/** What pg_cron runs on hosted Supabase: a function action called through pg_net, or SQL. */
export type HostedRun =
  | { kind: 'function'; function: FunctionName; action: string; timeoutMs: number }
  | { kind: 'sql'; sql: string };

export interface ScheduledJob {
  /** The pg-boss queue and the pg_cron job `rollgate-<name>`. */
  name: string;
  /** Five-field cron, UTC (pg_cron's granularity is a minute). */
  cron: string;
  hosted: HostedRun;
  /** What the local stack's worker runs; null where its long-running workers do it already. */
  run: ((ctx: JobContext & WorkerContext) => Promise<unknown>) | null;
}

/** The orchestrator's queues, each with its definition (queues.ts) and its worker. */
export const QUEUE_JOBS: readonly QueueJob[] = QUEUE_WORKERS.map((w) => ({
  name: w.queue,
  ...QUEUE_DEFINITIONS[w.queue],
  handle: w.handle,
}));

export const SCHEDULED_JOBS: readonly ScheduledJob[] = [
  {
    // Hosted only: the local stack's workers poll the queues themselves.
    name: 'orchestrator-tick',
    cron: '* * * * *',
    hosted: {
      kind: 'function',
      function: 'deploy-orchestrator',
      action: 'tick',
      timeoutMs: 30_000,
    },
    run: null,
  },
  {
    name: 'run-monitoring',
    cron: '* * * * *',
    hosted: {
      kind: 'function',
      function: 'production-monitoring',
      action: 'run_monitoring',
      timeoutMs: 30_000,
    },
    run: (ctx) => runMonitoring(ctx.sql, ctx.supabaseUrl),
  },
  {
    name: 'check-alerts',
    cron: '* * * * *',
    hosted: {
      kind: 'function',
      function: 'error-tracking',
      action: 'check_error_alerts',
      timeoutMs: 30_000,
    },
    run: (ctx) => evaluateAlerts(ctx.sql),
  },
  {
    // Signed with a key the database does not hold, sent outside it: see docs/security.md.
    name: 'audit-checkpoint',
    cron: '*/10 * * * *',
    hosted: {
      kind: 'function',
      function: 'deploy-orchestrator',
      action: 'audit_checkpoint',
      timeoutMs: 30_000,
    },
    run: (ctx) => runAuditCheckpoint({ sql: ctx.sql, env: ctx.env }),
  },
  {
    name: 'telemetry-retention',
    cron: '17 3 * * *',
    hosted: { kind: 'sql', sql: 'select public.telemetry_apply_retention()' },
    run: async (ctx) => {
      const [row] = await ctx.sql`select public.telemetry_apply_retention() as dropped_partitions`;
      return row;
    },
  },
  {
    name: 'gdpr-retention',
    cron: '23 3 * * *',
    hosted: { kind: 'sql', sql: "select public.gdpr_run_retention(now(), 'pg_cron')" },
    run: async (ctx) => {
      const [row] =
        await ctx.sql`select public.gdpr_run_retention(now(), 'pg-boss') as rows_affected`;
      return row;
    },
  },
];

/** The pg_cron job name of a scheduled job. */
export const cronJobName = (job: ScheduledJob) => `rollgate-${job.name}`;

/** The SQL pg_cron runs for a scheduled job on hosted Supabase. */
export function cronCommand(job: ScheduledJob): string {
  if (job.hosted.kind === 'sql') return job.hosted.sql;
  const body = JSON.stringify({ action: job.hosted.action });
  return `select rollgate_private.invoke('${job.hosted.function}', '${body}'::jsonb, ${job.hosted.timeoutMs})`;
}

/** Queues the migrations must have created: every queue job, and every locally worked schedule. */
export function requiredQueues(): Array<{ name: string; policy: 'standard' | 'singleton' }> {
  return [
    ...QUEUE_JOBS.map((j) => ({ name: j.name, policy: j.policy })),
    ...SCHEDULED_JOBS.filter((j) => j.run).map((j) => ({
      name: j.name,
      policy: 'singleton' as const,
    })),
  ];
}
