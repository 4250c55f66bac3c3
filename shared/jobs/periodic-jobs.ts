import { runMonitoring } from '../monitoring/run-monitoring.ts';
import type { Pool } from '../sql/client.ts';
import { evaluateAlerts } from '../telemetry/alert-evaluation.ts';

export interface JobContext {
  sql: Pool;
  /** Where the functions answer (SUPABASE_URL), for the synthetic probes. */
  supabaseUrl: string | undefined;
}

export interface PeriodicJob {
  /** Queue name (pg-boss) and cron job name (pg_cron): a constant shared by sender and worker. */
  name: string;
  /** Standard five-field cron, UTC. */
  cron: string;
  run(ctx: JobContext): Promise<unknown>;
}

/**
 * The periodic work. The same definitions are scheduled by pg-boss in the local stack and run by
 * its workers; handlers live here, in the core, so a serverless tick runs the very same code.
 */
export const PERIODIC_JOBS: readonly PeriodicJob[] = [
  {
    name: 'run-monitoring',
    cron: '* * * * *',
    run: (ctx) => runMonitoring(ctx.sql, ctx.supabaseUrl),
  },
  { name: 'check-alerts', cron: '* * * * *', run: (ctx) => evaluateAlerts(ctx.sql) },
  {
    name: 'telemetry-retention',
    cron: '17 3 * * *',
    run: async (ctx) => {
      const [row] = await ctx.sql`select public.telemetry_apply_retention() as dropped_partitions`;
      return row;
    },
  },
  {
    // Where pg_cron exists the GDPR migration schedules this itself; pg-boss covers the rest.
    name: 'gdpr-retention',
    cron: '23 3 * * *',
    run: async (ctx) => {
      const [cron] = await ctx.sql<
        { ok: boolean }[]
      >`select to_regclass('cron.job') is not null as ok`;
      if (cron?.ok) return { skipped: 'pg_cron schedules gdpr retention' };
      const [row] =
        await ctx.sql`select public.gdpr_run_retention(now(), 'pg-boss') as rows_affected`;
      return row;
    },
  },
];
