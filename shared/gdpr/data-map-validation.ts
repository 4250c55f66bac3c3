import type { CatalogColumn, DataMapTable } from '../model/gdpr-data-map.ts';
import { hasDeleteColumn } from './data-map.ts';

export interface DataMapIssue {
  path: string;
  message: string;
}

/**
 * Checks a data map against the real catalog before anything is stored: every table and column
 * exists, and each erasure strategy and retention rule can actually be carried out.
 */
export function validateDataMap(
  entries: readonly DataMapTable[],
  catalog: readonly CatalogColumn[],
): DataMapIssue[] {
  const issues: DataMapIssue[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const at = `tables.${i}`;
    const name = `${entry.schema}.${entry.table}`;
    const issue = (path: string, message: string) =>
      issues.push({ path: `${at}.${path}`, message });
    if (seen.has(name)) issue('table', `${name} is listed twice`);
    seen.add(name);
    if (
      entry.table.startsWith('gdpr_') ||
      ['pg_catalog', 'information_schema'].includes(entry.schema)
    ) {
      issue('table', `${name} is not a table of subject data`);
      return;
    }
    const columns = new Map(
      catalog
        .filter((c) => c.schema === entry.schema && c.table === entry.table)
        .map((c) => [c.column, c]),
    );
    if (columns.size === 0) {
      issue('table', `table ${name} does not exist`);
      return;
    }
    if (!columns.has(entry.subject_column)) {
      issue('subject_column', `column ${name}.${entry.subject_column} does not exist`);
    }
    const mapped = new Set<string>();
    entry.columns.forEach((col, j) => {
      const path = `columns.${j}.column`;
      const found = columns.get(col.column);
      if (mapped.has(col.column)) issue(path, `column ${col.column} is listed twice`);
      mapped.add(col.column);
      if (!found) {
        issue(path, `column ${name}.${col.column} does not exist`);
        return;
      }
      if (col.erasure === 'null' && found.not_null) {
        issue(path, `${col.column} is NOT NULL: it cannot be erased by null`);
      }
      if (col.erasure === 'hash' && (found.type_category !== 'S' || found.type_modifier !== -1)) {
        issue(path, `${col.column} is ${found.type}: hash needs text or varchar without a length`);
      }
    });
    const subject = entry.columns.find((c) => c.column === entry.subject_column);
    if (!hasDeleteColumn(entry) && !subject) {
      issue(
        'columns',
        `without a delete column, erasure updates rows: map ${entry.subject_column} as null or hash, or they stay identifiable`,
      );
    }
    if (entry.retention) {
      const ts = columns.get(entry.retention.timestamp_column);
      if (!ts) {
        issue(
          'retention.timestamp_column',
          `column ${name}.${entry.retention.timestamp_column} does not exist`,
        );
      } else if (ts.type_category !== 'D') {
        issue('retention.timestamp_column', `${ts.column} is ${ts.type}, not a date or timestamp`);
      }
      if (entry.retention.action === 'anonymise' && hasDeleteColumn(entry)) {
        issue(
          'retention.action',
          'anonymise applies null and hash strategies: no column may say delete',
        );
      }
    }
  });
  return issues;
}
