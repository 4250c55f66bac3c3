import type { Sql } from '../../sql/client.ts';
import { selectSubjectRows } from '../../sql/gdpr-subject-data.ts';
import { toCsv } from '../csv.ts';
import type { ExecutionOutcome } from './outcome.ts';

/**
 * Art. 20 covers data processed on consent or contract only; Art. 15 access covers everything
 * held about the subject.
 */
const PORTABLE_BASES = ['consent', 'contract'];

/** Every mapped row of the subject, per table, as JSON and as CSV. */
export async function exportSubject(
  tx: Sql,
  subjectId: string,
  kind: 'access' | 'portability',
): Promise<ExecutionOutcome> {
  const all = await selectSubjectRows(tx, subjectId);
  const tables = all.filter((t) => kind === 'access' || PORTABLE_BASES.includes(t.legal_basis));
  const json: Record<string, Record<string, unknown>[]> = {};
  const csv: Record<string, string> = {};
  for (const t of tables) {
    const name = `${t.schema_name}.${t.table_name}`;
    json[name] = t.rows;
    csv[name] = toCsv(t.rows);
  }
  return {
    log: tables.map((t) => ({
      table_name: `${t.schema_name}.${t.table_name}`,
      operation: 'exported',
      row_count: t.rows.length,
    })),
    result: {
      export: {
        subject_id: subjectId,
        generated_at: new Date().toISOString(),
        tables: json,
        csv,
      },
    },
  };
}
