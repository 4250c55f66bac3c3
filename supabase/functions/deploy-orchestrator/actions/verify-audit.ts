import { verifyAuditChain } from '../../../../shared/sql/deployment-audit.ts';
import { defineAction } from '../../_shared/action.ts';

/** Recomputes the hash chain over the whole audit log and names the first row that breaks it. */
export const verifyAudit = defineAction({
  name: 'verify_audit',
  summary: 'Verify the audit log’s hash chain; names the first broken row.',
  access: ['authenticated'],
  input: {},
  async handler(_input, { sql }) {
    const result = await verifyAuditChain(sql);
    return {
      intact: result.broken_id === null,
      rows_checked: result.checked,
      first_broken_id: result.broken_id,
      reason: result.reason,
    };
  },
});
