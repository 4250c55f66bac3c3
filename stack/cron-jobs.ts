import type { Pool } from '../shared/sql/client.ts';

/**
 * Scheduled jobs pg_cron runs in this database (cron.job `rollgate-<name>`, created by
 * `rollgate setup`): the local stack must not schedule those a second time. Empty without pg_cron.
 */
export async function jobsOnPgCron(sql: Pool): Promise<Set<string>> {
  const [cron] = await sql<{ ok: boolean }[]>`select to_regclass('cron.job') is not null as ok`;
  if (!cron?.ok) return new Set();
  const rows = await sql.unsafe<{ jobname: string }[]>(
    `select jobname from cron.job where jobname like 'rollgate-%'`,
  );
  return new Set(rows.map((r) => r.jobname.slice('rollgate-'.length)));
}
