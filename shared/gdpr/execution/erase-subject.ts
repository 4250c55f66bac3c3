import { AppError } from '../../app-error.ts';
import type { Sql } from '../../sql/client.ts';
import { selectActiveLegalHold } from '../../sql/gdpr-legal-holds.ts';
import { eraseSubject as eraseRows } from '../../sql/gdpr-subject-data.ts';
import type { ExecutionOutcome } from './outcome.ts';

/**
 * Art. 17: applies every mapped table's erasure strategy to the subject's rows. A legal hold
 * (Art. 17(3)(e)) refuses it with 409 and nothing changed; the SQL function checks again.
 */
export async function eraseSubject(tx: Sql, subjectId: string): Promise<ExecutionOutcome> {
  const [hold] = await selectActiveLegalHold(tx, subjectId);
  if (hold) {
    throw new AppError(409, 'legal_hold', 'the subject is under a legal hold: erasure refused', {
      details: { hold_id: hold.id, reason: hold.reason, placed_at: hold.placed_at },
    });
  }
  const erased = await eraseRows(tx, subjectId);
  const tables = erased.map((t) => ({
    table: `${t.schema_name}.${t.table_name}`,
    operation: t.operation,
    rows: t.row_count,
  }));
  return {
    log: tables.map((t) => ({ table_name: t.table, operation: t.operation, row_count: t.rows })),
    result: { erasure: { tables } },
  };
}
