import { AppError } from '../../app-error.ts';
import type { Sql } from '../../sql/client.ts';
import type { DataMapRow } from '../../sql/gdpr-data-map.ts';
import { rectifySubjectColumn } from '../../sql/gdpr-subject-data.ts';
import type { ExecutionOutcome } from './outcome.ts';

export interface Change {
  table: string;
  column: string;
  value: string | number | null;
}

/**
 * Art. 16: sets mapped columns on the subject's rows. Only columns the data map lists as
 * personal data may be changed, and never the subject column (that would move the rows to
 * someone else).
 */
export async function rectifySubject(
  tx: Sql,
  subjectId: string,
  changes: readonly Change[],
  map: readonly DataMapRow[],
): Promise<ExecutionOutcome> {
  const log: ExecutionOutcome['log'] = [];
  for (const [i, change] of changes.entries()) {
    const entry = map.find(
      (t) =>
        `${t.schema}.${t.table}` === change.table ||
        (t.schema === 'public' && t.table === change.table),
    );
    const mapped = entry?.columns.some((c) => c.column === change.column);
    if (!entry || !mapped || entry.subject_column === change.column) {
      throw new AppError(
        422,
        'not_rectifiable',
        `changes.${i}: ${change.table}.${change.column} is not a mapped personal-data column`,
        {
          details: { change },
        },
      );
    }
    const rows = await rectifySubjectColumn(
      tx,
      {
        schema: entry.schema,
        table: entry.table,
        subject_column: entry.subject_column,
        column: change.column,
        value: change.value,
      },
      subjectId,
    );
    log.push({
      table_name: `${entry.schema}.${entry.table}`,
      operation: 'rectified',
      row_count: rows,
    });
  }
  return { log, result: { rectification: { changes: log } } };
}
