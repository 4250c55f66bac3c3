import PgBoss from 'pg-boss';
import { type JobContext, PERIODIC_JOBS } from '../shared/jobs/periodic-jobs.ts';
import type { Logger } from '../supabase/functions/_shared/log.ts';

export const QUEUE_SCHEMA = 'pgboss';

export interface RunningQueue {
  boss: PgBoss;
  stop(): Promise<void>;
}

/**
 * pg-boss in the local stack: installs its schema, schedules the periodic jobs (UTC cron) and
 * works them. Stopping waits for jobs in flight, so a restart never runs half a job twice.
 */
export async function startQueue(
  databaseUrl: string,
  ctx: JobContext,
  log: Logger,
): Promise<RunningQueue> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: QUEUE_SCHEMA,
    max: 4,
    application_name: 'rollgate-queue',
  });
  boss.on('error', (err: Error) => log('error', 'queue_error', { message: err.message }));
  await boss.start();
  for (const job of PERIODIC_JOBS) {
    await boss.createQueue(job.name, { name: job.name, policy: 'singleton' });
    await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
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
  return { boss, stop: () => boss.stop({ graceful: true, wait: true, timeout: 10_000 }) };
}

/** pg-boss's tables are not part of the API, but every table gets RLS here (no policy: owner only). */
async function protectQueueTables(sql: JobContext['sql']) {
  const tables = await sql<{ name: string }[]>`
    select format('%I.%I', schemaname, tablename) as name from pg_tables
     where schemaname = ${QUEUE_SCHEMA} and not rowsecurity`;
  for (const { name } of tables) await sql.unsafe(`alter table ${name} enable row level security`);
}
