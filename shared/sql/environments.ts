import type { AnalysisSpec } from '../model/analysis-spec.ts';
import type { ChangeWindow, Freeze } from '../model/change-windows.ts';
import type { GateConfig } from '../model/quality-gates.ts';
import type { Step } from '../model/step.ts';
import type { Thresholds } from '../model/thresholds.ts';
import type { Sql } from './client.ts';

export interface EnvironmentRow {
  name: string;
  rank: number;
  requires_approval: boolean;
  requires_staging: boolean;
  default_strategy: 'canary' | 'direct';
  default_steps: Step[];
  thresholds: Partial<Thresholds>;
  /** The default analysis spec without thresholds: metrics, on_failure, dry_run. */
  analysis: Omit<AnalysisSpec, 'thresholds'>;
  quality_gates: GateConfig;
  change_windows: ChangeWindow[];
  progress_deadline_seconds: number;
  database_gate: boolean;
  max_inconclusive_holds: number;
}

export function selectEnvironment(sql: Sql, name: string) {
  return sql<EnvironmentRow[]>`select * from public.environments where name = ${name}`;
}

export function selectEnvironments(sql: Sql) {
  return sql<EnvironmentRow[]>`select * from public.environments order by rank, name`;
}

export function selectFreezes(sql: Sql, environment: string, at: Date) {
  return sql<(Freeze & { id: number })[]>`
    select id::float8 as id, starts_at, ends_at, reason from public.deployment_freezes
     where environment = ${environment} and ends_at > ${at} order by starts_at`;
}

export function insertFreeze(
  sql: Sql,
  f: { environment: string; starts_at: Date; ends_at: Date; reason: string },
) {
  return sql<(Freeze & { id: number; environment: string })[]>`
    insert into public.deployment_freezes (environment, starts_at, ends_at, reason)
    values (${f.environment}, ${f.starts_at}, ${f.ends_at}, ${f.reason})
    returning id::float8 as id, environment, starts_at, ends_at, reason`;
}

/**
 * Merges analysis settings into an environment's thresholds and replaces the top-level keys of its
 * default spec that `analysis` names; returns the row as it is now.
 */
export function mergeEnvironmentAnalysis(
  sql: Sql,
  name: string,
  thresholds: Partial<Thresholds>,
  analysis: Omit<AnalysisSpec, 'thresholds'>,
) {
  return sql<EnvironmentRow[]>`
    update public.environments
       set thresholds = thresholds || ${sql.json(thresholds as never)}::jsonb,
           analysis = analysis || ${sql.json(analysis as never)}::jsonb
     where name = ${name} returning *`;
}
