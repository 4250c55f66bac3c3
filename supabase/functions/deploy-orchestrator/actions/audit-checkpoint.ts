import { runAuditCheckpoint } from '../../../../shared/audit/checkpoint-job.ts';
import * as contracts from '../../../../shared/contracts/deploy-orchestrator.ts';
import { defineAction } from '../../_shared/action.ts';

/**
 * The scheduled job `audit-checkpoint` on hosted Supabase (pg_cron calls it): signs the audit
 * chain's head with ROLLGATE_AUDIT_KEY, which the database does not hold, and sends it to the
 * configured sink outside the database.
 */
export const auditCheckpoint = defineAction(
  contracts.auditCheckpoint,
  async (_input, { sql, env }) => {
    return runAuditCheckpoint({ sql, env });
  },
);
