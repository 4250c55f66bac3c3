import type { Sql } from '../sql/client.ts';
import { type ConnectionUsageRow, selectConnectionUsage } from '../sql/database-activity.ts';
import { type CheckResult, grade } from './check-result.ts';

/** Percent of max_connections in use: warn from 80 %, fail from 95 % (new sessions soon refused). */
export const CONNECTIONS_WARN_PERCENT = 80;
export const CONNECTIONS_FAIL_PERCENT = 95;

export type ConnectionsResult = CheckResult<ConnectionUsageRow>;

export function gradeConnections(usage: ConnectionUsageRow): ConnectionsResult {
  const used = Math.round((10000 * usage.used) / usage.max_connections) / 100;
  return {
    status: grade(used, CONNECTIONS_WARN_PERCENT, CONNECTIONS_FAIL_PERCENT),
    value: used,
    threshold: CONNECTIONS_WARN_PERCENT,
    details: usage,
  };
}

export async function checkConnections(sql: Sql): Promise<ConnectionsResult> {
  const [usage] = await selectConnectionUsage(sql);
  if (!usage) throw new Error('pg_stat_activity returned no row');
  return gradeConnections(usage);
}
