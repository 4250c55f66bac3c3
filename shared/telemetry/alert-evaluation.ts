import {
  type AlertRuleRow,
  insertAlertEvent,
  lockEnabledAlertRules,
  recordEvaluation,
} from '../sql/alert-rules.ts';
import type { Pool } from '../sql/client.ts';
import { crossing } from './alert-crossing.ts';
import { queryWindow } from './window-query.ts';

export const ALERT_METRICS = [
  'error_rate',
  'error_events',
  'avg_response_time',
  'p95_response_time',
  'p99_response_time',
  'requests_per_second',
] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

// Rates and latencies of an empty window are unknown, not zero; counts of it are zero.
const NEEDS_TRAFFIC: ReadonlySet<string> = new Set([
  'error_rate',
  'avg_response_time',
  'p95_response_time',
  'p99_response_time',
]);

export interface AlertState {
  id: number;
  name: string;
  metric: string;
  value: number | null;
  threshold: number;
  comparison: string;
  severity: string;
  environment: string | null;
}

/**
 * Evaluates every enabled rule under a row lock and records each crossing once. Returns the
 * rules firing after this evaluation and the transitions it made.
 */
export async function evaluateAlerts(sql: Pool) {
  return sql.begin(async (tx) => {
    const rules = await lockEnabledAlertRules(tx);
    const firing: AlertState[] = [];
    const fired: AlertState[] = [];
    const resolved: AlertState[] = [];
    for (const rule of rules) {
      const value = await currentValue(tx, rule);
      const transition = crossing(rule, value);
      if (value !== null) await recordEvaluation(tx, rule.id, value, transition);
      if (transition)
        await insertAlertEvent(tx, rule.id, transition, value as number, rule.threshold);
      const state = stateOf(rule, value);
      if (transition === 'fired') fired.push(state);
      if (transition === 'resolved') resolved.push(state);
      if (transition === 'fired' || (rule.firing && transition !== 'resolved')) firing.push(state);
    }
    return {
      evaluated: rules.length,
      firing,
      fired,
      resolved,
      critical_firing: firing.filter((f) => f.severity === 'critical').length,
    };
  });
}

async function currentValue(
  tx: Parameters<typeof queryWindow>[0],
  rule: AlertRuleRow,
): Promise<number | null> {
  const w = await queryWindow(tx, {
    time_window: rule.time_window,
    environment: rule.environment ?? undefined,
  });
  if (w.insufficient_data && NEEDS_TRAFFIC.has(rule.metric)) return null;
  return w[rule.metric as AlertMetric];
}

function stateOf(rule: AlertRuleRow, value: number | null): AlertState {
  return {
    id: rule.id,
    name: rule.name,
    metric: rule.metric,
    value,
    threshold: rule.threshold,
    comparison: rule.comparison,
    severity: rule.severity,
    environment: rule.environment,
  };
}
