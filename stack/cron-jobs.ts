import type PgBoss from 'pg-boss';
import { PERIODIC_JOBS } from '../shared/jobs/periodic-jobs.ts';
import type { Pool } from '../shared/sql/client.ts';
import type { Logger } from '../supabase/functions/_shared/log.ts';

/** The channel pg_cron's Rollgate jobs notify when the work needs the functions' code. */
export const JOBS_CHANNEL = 'rollgate_jobs';

/**
 * Periodic jobs pg_cron runs in this database (cron.job `rollgate-<name>`, see migration
 * 20261125008003): pg-boss must not schedule those a second time. Empty without pg_cron.
 */
export async function jobsOnPgCron(sql: Pool): Promise<Set<string>> {
  const [cron] = await sql<{ ok: boolean }[]>`select to_regclass('cron.job') is not null as ok`;
  if (!cron?.ok) return new Set();
  const rows = await sql.unsafe<{ jobname: string }[]>(
    `select jobname from cron.job where jobname like 'rollgate-%'`,
  );
  return new Set(rows.map((r) => r.jobname.slice('rollgate-'.length)));
}

/**
 * Relays pg_cron's `pg_notify('rollgate_jobs', '<name>')` to the queue, where the same worker as
 * for a pg-boss schedule runs it. Periodic queues are singletons: a repeated notification while
 * a run is queued adds nothing.
 */
export async function relayCronJobs(sql: Pool, boss: PgBoss, log: Logger) {
  const names = new Set(PERIODIC_JOBS.map((j) => j.name));
  const subscription = await sql.listen(JOBS_CHANNEL, (name) => {
    if (!names.has(name)) return log('warn', 'cron_job_unknown', { job: name });
    boss
      .send(name, {})
      .catch((err: Error) => log('warn', 'cron_relay_failed', { job: name, message: err.message }));
  });
  return { stop: () => subscription.unlisten().catch(() => {}) };
}
