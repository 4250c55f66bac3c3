import PgBoss from 'pg-boss';
import type { WorkerContext } from '../shared/jobs/queue-workers.ts';
import { type JobContext, QUEUE_JOBS, SCHEDULED_JOBS } from '../shared/jobs/registry.ts';
import type { Logger } from '../shared/log.ts';
import { QUEUE_SCHEMA } from '../shared/queue/send-job.ts';
import { jobsOnPgCron } from './cron-jobs.ts';

export interface RunningQueue {
  boss: PgBoss;
  stop(): Promise<void>;
}

/**
 * pg-boss in the local stack (its schema and queues come from the migrations): works the queues
 * of the job registry (step timers, traffic webhooks, Slack) and schedules and works the
 * scheduled jobs that have a local handler (UTC cron), except those pg_cron already runs here.
 * Stopping waits for jobs in flight; a job interrupted by a crash is retried, and its handler
 * is idempotent.
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
  for (const worker of QUEUE_JOBS) {
    await boss.work(
      worker.name,
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
            queue: worker.name,
            id: job.id,
            attempt: job.retryCount + 1,
            message: (err as Error).message,
          });
          throw err;
        }
      },
    );
  }
  const periodic = options.periodic === false ? [] : SCHEDULED_JOBS;
  const onPgCron = await jobsOnPgCron(ctx.sql);
  for (const job of periodic) {
    const run = job.run;
    if (!run) continue;
    // Where pg_cron runs a job, a pg-boss schedule of it would run it twice.
    if (onPgCron.has(job.name)) await boss.unschedule(job.name);
    else await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
    await boss.work(job.name, async () => {
      try {
        await run(ctx);
      } catch (err) {
        log('error', 'job_failed', { job: job.name, message: (err as Error).message });
        throw err;
      }
    });
  }
  return {
    boss,
    stop: async () => {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
