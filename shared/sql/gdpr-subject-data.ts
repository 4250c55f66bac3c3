import type { ErasureOperation } from '../model/gdpr-execution.ts';
import type { Sql } from './client.ts';

export interface SubjectTableRows {
  schema_name: string;
  table_name: string;
  legal_basis: string;
  rows: Record<string, unknown>[];
}

/** Every mapped row of the subject, per mapped table (empty tables included). */
export function selectSubjectRows(sql: Sql, subjectId: string) {
  return sql<SubjectTableRows[]>`select * from public.gdpr_subject_rows(${subjectId})`;
}

export interface ErasedTable {
  schema_name: string;
  table_name: string;
  operation: ErasureOperation;
  row_count: number;
}

/** Applies each mapped table's erasure strategy to the subject's rows (refused under legal hold). */
export function eraseSubject(sql: Sql, subjectId: string) {
  return sql<ErasedTable[]>`
    select schema_name, table_name, operation, row_count::int
      from public.gdpr_erase_subject(${subjectId})`;
}

export interface Rectification {
  schema: string;
  table: string;
  subject_column: string;
  column: string;
  value: string | number | null;
}

/**
 * Sets one mapped column on the subject's rows (Art. 16). Identifiers come from the validated
 * data map and are quoted by postgres.js; the value and subject are bound parameters whose types
 * PostgreSQL infers from the columns.
 */
export async function rectifySubjectColumn(sql: Sql, change: Rectification, subjectId: string) {
  const result = await sql`
    update ${sql(change.schema)}.${sql(change.table)} set ${sql(change.column)} = ${change.value}
     where ${sql(change.subject_column)} = ${subjectId}`;
  return result.count;
}
