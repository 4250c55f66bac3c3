import { runAuditCheckpoint } from '../../../../shared/audit/checkpoint-job.ts';
import { defineAction } from '../../_shared/action.ts';

/**
 * The scheduled job `audit-checkpoint` on hosted Supabase (pg_cron calls it): signs the audit
 * chain's head with ROLLGATE_AUDIT_KEY, which the database does not hold, and sends it to the
 * configured sink outside the database.
 */
export const auditCheckpoint = defineAction({
  name: 'audit_checkpoint',
  summary: 'Sign the audit chain’s head and send the checkpoint out (for pg_cron).',
  access: 'service',
  input: {},
  async handler(_input, { sql, env }) {
    return runAuditCheckpoint({ sql, env });
  },
});
