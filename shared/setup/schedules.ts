import { cronCommand, cronJobName, SCHEDULED_JOBS } from '../jobs/registry.ts';
import type { Sql } from '../sql/client.ts';

export interface CronJobRow {
  jobname: string;
  schedule: string;
  command: string;
}

/** What cron.job must hold for Rollgate: one row per scheduled job of the registry. */
export function expectedCronJobs(): CronJobRow[] {
  return SCHEDULED_JOBS.map((job) => ({
    jobname: cronJobName(job),
    schedule: job.cron,
    command: cronCommand(job),
  })).sort((a, b) => a.jobname.localeCompare(b.jobname));
}

export async function currentCronJobs(sql: Sql): Promise<CronJobRow[]> {
  return sql.unsafe<CronJobRow[]>(
    `select jobname, schedule, command from cron.job where jobname like 'rollgate-%' order by jobname`,
  );
}

/**
 * Makes cron.job match the registry: `cron.schedule` creates or updates each job by name
 * (pg_cron ≥ 1.3), and a `rollgate-*` job the registry no longer has is unscheduled.
 * Idempotent. Returns what changed.
 */
export async function installSchedules(sql: Sql) {
  const expected = expectedCronJobs();
  const current = new Map((await currentCronJobs(sql)).map((j) => [j.jobname, j]));
  const changed: string[] = [];
  for (const job of expected) {
    const now = current.get(job.jobname);
    if (now && now.schedule === job.schedule && now.command === job.command) continue;
    await sql.unsafe('select cron.schedule($1, $2, $3)', [job.jobname, job.schedule, job.command]);
    changed.push(job.jobname);
  }
  const wanted = new Set(expected.map((j) => j.jobname));
  const removed = [...current.keys()].filter((name) => !wanted.has(name));
  for (const name of removed) await sql.unsafe('select cron.unschedule($1)', [name]);
  return { scheduled: changed, unscheduled: removed, jobs: expected.map((j) => j.jobname) };
}
