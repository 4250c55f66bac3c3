import { z } from 'zod';
import { auditKeyFrom } from '../../../../shared/audit/checkpoint.ts';
import { verifyAudit as verifyChain } from '../../../../shared/audit/verify.ts';
import { verifyAuditChain } from '../../../../shared/sql/deployment-audit.ts';
import { defineAction } from '../../_shared/action.ts';

const checkpointSchema = z.object({
  chain_seq: z.number().int().positive(),
  head_hash: z.string().regex(/^[0-9a-f]{64}$/),
  row_count: z.number().int().nonnegative(),
  created_at: z.string().min(1).max(40),
  hmac: z.string().min(1).max(200),
});

/**
 * Recomputes the hash chain over the whole audit log in chain order and lists every break; given
 * the latest signed checkpoint (from its sink, outside the database), also checks that the chain
 * still ends in it there, which a re-hashed or truncated chain cannot.
 */
export const verifyAudit = defineAction({
  name: 'verify_audit',
  summary:
    'Verify the audit log’s hash chain (every break) and, given one, against a signed checkpoint.',
  access: 'view',
  input: { checkpoint: checkpointSchema.optional() },
  async handler({ checkpoint }, { sql, env }) {
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
});
