import { auditKeyFrom } from '../../../../shared/audit/checkpoint.ts';
import { verifyAudit as verifyChain } from '../../../../shared/audit/verify.ts';
import * as contracts from '../../../../shared/contracts/deploy-orchestrator.ts';
import { verifyAuditChain } from '../../../../shared/sql/deployment-audit.ts';
import { defineAction } from '../../_shared/action.ts';

/**
 * Recomputes the hash chain over the whole audit log in chain order and lists every break; given
 * the latest signed checkpoint (from its sink, outside the database), also checks that the chain
 * still ends in it there, which a re-hashed or truncated chain cannot.
 */
export const verifyAudit = defineAction(
  contracts.verifyAudit,
  async ({ checkpoint }, { sql, env }) => {
    const [first, result] = await Promise.all([
      verifyAuditChain(sql),
      verifyChain(sql, { checkpoint: checkpoint ?? null, key: auditKeyFrom(env) }),
    ]);
    return {
      intact: result.intact,
      rows_checked: first.checked,
      first_broken_id: result.breaks[0]?.id ?? null,
      reason: result.breaks[0]?.reason ?? result.checkpoint?.problems[0] ?? null,
      breaks: result.breaks,
      ...(result.checkpoint ? { checkpoint: result.checkpoint } : {}),
    };
  },
);
