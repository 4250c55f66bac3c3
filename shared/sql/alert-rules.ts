import type { Sql } from './client.ts';

export interface AlertRuleRow {
  id: number;
  name: string;
  metric: string;
  comparison: 'above' | 'below';
  threshold: number;
  time_window: string;
  environment: string | null;
  severity: string;
  enabled: boolean;
  firing: boolean;
  last_value: number | null;
  last_evaluated_at: Date | null;
  fired_at: Date | null;
  resolved_at: Date | null;
}

const COLUMNS = `id::float8 as id, name, metric, comparison, threshold, time_window, environment,
  severity, enabled, firing, last_value, last_evaluated_at, fired_at, resolved_at`;

export interface NewAlertRule {
  name: string;
  metric: string;
  comparison: string;
  threshold: number;
  time_window: string;
  environment: string | null;
  severity: string;
}

export function insertAlertRule(sql: Sql, rule: NewAlertRule) {
  return sql<AlertRuleRow[]>`
    insert into public.alert_rules (name, metric, comparison, threshold, time_window, environment, severity)
    values (${rule.name}, ${rule.metric}, ${rule.comparison}, ${rule.threshold}, ${rule.time_window}, ${rule.environment}, ${rule.severity})
    returning ${sql.unsafe(COLUMNS)}`;
}

export function selectAlertRules(sql: Sql) {
  return sql<AlertRuleRow[]>`select ${sql.unsafe(COLUMNS)} from public.alert_rules order by id`;
}

/** Locks the enabled rules so two evaluations cannot both record the same crossing. */
export function lockEnabledAlertRules(tx: Sql) {
  return tx<AlertRuleRow[]>`
    select ${tx.unsafe(COLUMNS)} from public.alert_rules where enabled order by id for update`;
}

export function recordEvaluation(
  tx: Sql,
  id: number,
  value: number,
  transition: 'fired' | 'resolved' | null,
) {
  return tx`
    update public.alert_rules set
      last_value = ${value},
      last_evaluated_at = now(),
      firing = case ${transition} when 'fired' then true when 'resolved' then false else firing end,
      fired_at = case when ${transition} = 'fired' then now() else fired_at end,
      resolved_at = case when ${transition} = 'resolved' then now() else resolved_at end
     where id = ${id}`;
}

export function insertAlertEvent(
  tx: Sql,
  ruleId: number,
  kind: 'fired' | 'resolved',
  value: number,
  threshold: number,
) {
  return tx`
    insert into public.alert_events (rule_id, kind, value, threshold)
    values (${ruleId}, ${kind}, ${value}, ${threshold})`;
}

export function deleteAlertRule(sql: Sql, id: number) {
  return sql`delete from public.alert_rules where id = ${id} returning id`;
}
