import PgBoss from 'pg-boss';
import { type JobContext, PERIODIC_JOBS } from '../shared/jobs/periodic-jobs.ts';
import { ROLLOUT_WORKERS, type WorkerContext } from '../shared/jobs/rollout-workers.ts';
import { QUEUE_SCHEMA } from '../shared/jobs/send-job.ts';
import type { Logger } from '../supabase/functions/_shared/log.ts';
import { jobsOnPgCron, relayCronJobs } from './cron-relay.ts';

export interface RunningQueue {
  boss: PgBoss;
  stop(): Promise<void>;
}

/**
 * pg-boss in the local stack: installs its schema, works the orchestrator's queues (step timers,
 * traffic webhooks) and schedules and works the periodic jobs (UTC cron). Stopping waits for jobs
 * in flight; a job interrupted by a crash is retried, and its handler is idempotent.
 */
export async function startQueue(
  databaseUrl: string,
  ctx: JobContext & WorkerContext,
  log: Logger,
  options: { periodic?: boolean } = {},
): Promise<RunningQueue> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: QUEUE_SCHEMA,
    max: 6,
    application_name: 'rollgate-queue',
  });
  boss.on('error', (err: Error) => log('error', 'queue_error', { message: err.message }));
  await boss.start();
  await createQueues(boss);
  for (const worker of ROLLOUT_WORKERS) {
    await boss.work(
      worker.queue,
      { pollingIntervalSeconds: 0.5, batchSize: 1, includeMetadata: true },
      async ([job]) => {
        if (!job) return;
        try {
          await worker.handle(ctx, job.data, {
            retryCount: job.retryCount,
            retryLimit: job.retryLimit,
          });
        } catch (err) {
          log('warn', 'job_failed', {
            queue: worker.queue,
            id: job.id,
            attempt: job.retryCount + 1,
            message: (err as Error).message,
          });
          throw err;
        }
      },
    );
  }
  const periodic = options.periodic === false ? [] : PERIODIC_JOBS;
  const onPgCron = await jobsOnPgCron(ctx.sql);
  for (const job of periodic) {
    // Where pg_cron runs a job, a pg-boss schedule of it would run it twice.
    if (onPgCron.has(job.name)) await boss.unschedule(job.name);
    else await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
    await boss.work(job.name, async () => {
      try {
        await job.run(ctx);
      } catch (err) {
        log('error', 'job_failed', { job: job.name, message: (err as Error).message });
        throw err;
      }
    });
  }
  await protectQueueTables(ctx.sql);
  const relay = periodic.length > 0 ? await relayCronJobs(ctx.sql, boss, log) : null;
  return {
    boss,
    stop: async () => {
      await relay?.stop();
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

/** Every queue the core sends to must exist before a job is sent (pg-boss 10). Idempotent. */
export async function createQueues(boss: PgBoss): Promise<void> {
  const existing = new Set((await boss.getQueues()).map((q) => q.name));
  for (const job of PERIODIC_JOBS) {
    if (!existing.has(job.name))
      await boss.createQueue(job.name, { name: job.name, policy: 'singleton' });
  }
  for (const worker of ROLLOUT_WORKERS) {
    if (!existing.has(worker.queue))
      await boss.createQueue(worker.queue, { name: worker.queue, policy: 'standard' });
  }
}

/** pg-boss's tables are not part of the API, but every table gets RLS here (no policy: owner only). */
export async function protectQueueTables(sql: JobContext['sql']) {
  const tables = await sql<{ name: string }[]>`
    select format('%I.%I', schemaname, tablename) as name from pg_tables
     where schemaname = ${QUEUE_SCHEMA} and not rowsecurity`;
  for (const { name } of tables) await sql.unsafe(`alter table ${name} enable row level security`);
}
