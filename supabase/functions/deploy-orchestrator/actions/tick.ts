import * as contracts from '../../../../shared/contracts/deploy-orchestrator.ts';
import { drainDueJobs } from '../../../../shared/jobs/drain.ts';
import { defineAction } from '../../_shared/action.ts';

/**
 * For hosted Supabase, where no worker runs: pg_cron calls this every minute (or more often) and
 * it works the step timers, traffic webhooks and Slack deliveries that are due.
 */
export const tick = defineAction(contracts.tick, async ({ max_jobs }, { sql, env }) => {
  return drainDueJobs(
    sql,
    {
      sql,
      webhookSecret: env('ROLLGATE_WEBHOOK_SECRET') ?? '',
      slack: { default: env('SLACK_WEBHOOK_URL'), emergency: env('SLACK_EMERGENCY_WEBHOOK') },
    },
    { maxJobs: max_jobs },
  );
});
