import { runAuditCheckpoint } from '../audit/checkpoint-job.ts';
import { runMonitoring } from '../monitoring/run-monitoring.ts';
import type { Pool } from '../sql/client.ts';
import { evaluateAlerts } from '../telemetry/alert-evaluation.ts';

export interface JobContext {
  sql: Pool;
  /** Where the functions answer (SUPABASE_URL), for the synthetic probes. */
  supabaseUrl: string | undefined;
  /** The settings the functions read (ROLLGATE_AUDIT_KEY, the checkpoint sinks). */
  env: (name: string) => string | undefined;
}

/**
 * The handlers of the periodic jobs, by name (their schedules are in registry.ts). On hosted
 * Supabase pg_cron reaches the same code through the functions' actions (run_monitoring,
 * check_error_alerts) or runs the same SQL.
 */
export const PERIODIC_HANDLERS: Record<string, (ctx: JobContext) => Promise<unknown>> = {
  'run-monitoring': (ctx) => runMonitoring(ctx.sql, ctx.supabaseUrl),
  'check-alerts': (ctx) => evaluateAlerts(ctx.sql),
  'telemetry-retention': async (ctx) => {
    const [row] = await ctx.sql`select public.telemetry_apply_retention() as dropped_partitions`;
    return row;
  },
  'audit-checkpoint': (ctx) => runAuditCheckpoint({ sql: ctx.sql, env: ctx.env }),
  'gdpr-retention': async (ctx) => {
    const [row] =
      await ctx.sql`select public.gdpr_run_retention(now(), 'pg-boss') as rows_affected`;
    return row;
  },
};
