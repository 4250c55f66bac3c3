import { selectDataMapMissing, selectTablesWithoutRetention } from '../../../sql/gdpr-report.ts';
import {
  type RetentionBacklogRow,
  type RetentionRunRow,
  selectLastRetentionRun,
  selectRetentionBacklog,
} from '../../../sql/gdpr-retention.ts';
import type { Finding, ReportSection, SectionBuilder } from '../types.ts';

/** Retention runs daily; a last purge older than this means the schedule is not running. */
export const PURGE_STALE_HOURS = 48;

/** Storage limitation: rows kept past their table's retention, and when the last purge ran. */
export function assessRetention(
  backlog: readonly RetentionBacklogRow[],
  lastRun: RetentionRunRow | null,
  withoutRule: readonly string[],
  now: Date,
): ReportSection {
  const due = backlog.filter((b) => b.rows_due > 0);
  const rowsPast = backlog.reduce((n, b) => n + b.rows_due, 0);
  const findings: Finding[] = [];
  if (due.length > 0) {
    findings.push({
      id: 'retention.rows_past_retention',
      severity: 'medium',
      article: 'Art. 5(1)(e)',
      title: `${rowsPast} row(s) kept past their retention period`,
      evidence: {
        tables: due.map((b) => ({ table: `${b.schema_name}.${b.table_name}`, rows: b.rows_due })),
      },
      remediation: 'Run run_retention now and check that the daily schedule is running.',
    });
  }
  const staleHours = lastRun ? (now.getTime() - lastRun.ran_at.getTime()) / 3_600_000 : null;
  if (backlog.length > 0 && (staleHours === null || staleHours > PURGE_STALE_HOURS)) {
    findings.push({
      id: 'retention.purge_not_running',
      severity: 'low',
      article: 'Art. 5(1)(e)',
      title: lastRun
        ? `no retention purge for ${Math.floor(staleHours ?? 0)} hours`
        : 'retention has never run',
      evidence: { last_purge_at: lastRun?.ran_at.toISOString() ?? null },
      remediation:
        'Schedule `select public.gdpr_run_retention()` daily (pg_cron or the stack scheduler).',
    });
  }
  if (withoutRule.length > 0) {
    findings.push({
      id: 'retention.no_rule',
      severity: 'low',
      article: 'Art. 5(1)(e)',
      title: `${withoutRule.length} personal-data table(s) have no retention period`,
      evidence: { tables: withoutRule },
      remediation: 'Give each mapped table a maximum age and an action with set_data_map.',
    });
  }
  return {
    id: 'retention',
    title: 'Retention',
    figures: {
      tables_with_rule: backlog.length,
      tables_without_rule: withoutRule,
      rows_past_retention: rowsPast,
      backlog,
      last_purge: lastRun
        ? {
            run_id: lastRun.id,
            ran_at: lastRun.ran_at,
            rows_affected: lastRun.rows_affected,
            triggered_by: lastRun.triggered_by,
          }
        : null,
    },
    findings,
  };
}

/** A map naming columns that no longer exist cannot be enforced: say so instead of failing. */
export function staleDataMap(missing: readonly string[]): ReportSection {
  return {
    id: 'retention',
    title: 'Retention',
    figures: { rows_past_retention: null, data_map_missing: missing },
    findings: [
      {
        id: 'retention.data_map_stale',
        severity: 'high',
        article: 'Art. 30(1)',
        title: `the data map names ${missing.length} column(s) the schema no longer has`,
        evidence: { missing },
        remediation:
          'Update the data map with set_data_map (or remove_from_data_map): until then retention, erasure and access refuse to run.',
      },
    ],
  };
}

export const retentionSection: SectionBuilder = async ({ sql, now }) => {
  const missing = await selectDataMapMissing(sql);
  if (missing.length > 0) return staleDataMap(missing.map((m) => m.name));
  const [backlog, [lastRun], withoutRule] = await Promise.all([
    selectRetentionBacklog(sql, now),
    selectLastRetentionRun(sql),
    selectTablesWithoutRetention(sql),
  ]);
  return assessRetention(
    backlog,
    lastRun ?? null,
    withoutRule.map((r) => r.table),
    now,
  );
};
