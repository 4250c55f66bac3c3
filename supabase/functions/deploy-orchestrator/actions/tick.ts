import { z } from 'zod';
import { drainDueJobs } from '../../../../shared/jobs/drain.ts';
import { defineAction } from '../../_shared/action.ts';

/**
 * For hosted Supabase, where no worker runs: pg_cron calls this every minute (or more often) and
 * it works the step timers, traffic webhooks and Slack deliveries that are due.
 */
export const tick = defineAction({
  name: 'tick',
  summary:
    'Work the due queue jobs (step timers, traffic webhooks, notifications); for a cron caller.',
  access: 'service',
  input: { max_jobs: z.number().int().min(1).max(500).default(50) },
  async handler({ max_jobs }, { sql, env }) {
    return drainDueJobs(
      sql,
      {
        sql,
        webhookSecret: env('ROLLGATE_WEBHOOK_SECRET') ?? '',
        slack: { default: env('SLACK_WEBHOOK_URL'), emergency: env('SLACK_EMERGENCY_WEBHOOK') },
      },
      { maxJobs: max_jobs },
    );
  },
});
