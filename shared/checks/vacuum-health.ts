import type { Sql } from '../sql/client.ts';
import {
  type DeadTupleRow,
  selectDeadTuples,
  selectTransactionIdAge,
  type TransactionIdAgeRow,
} from '../sql/database-maintenance.ts';
import { type CheckResult, type CheckStatus, grade } from './check-result.ts';

/** PostgreSQL refuses writes when the oldest unfrozen transaction ID nears 2^31. */
export const XID_WRAPAROUND_LIMIT = 2 ** 31;
/** Percent of the way to wraparound: warn from 50 % (autovacuum is not keeping up), fail from 75 %. */
export const XID_WARN_PERCENT = 50;
export const XID_FAIL_PERCENT = 75;

export type VacuumHealthResult = CheckResult<{
  transaction_id_age: number;
  wraparound_limit: number;
  freeze_max_age: number;
  autovacuum_enabled: boolean;
  /** Tables whose dead tuples are past autovacuum's own trigger point: it is falling behind. */
  tables_behind: DeadTupleRow[];
}>;

/** `value` is the transaction-ID age in percent of the wraparound limit. */
export function gradeVacuumHealth(
  age: TransactionIdAgeRow,
  deadTuples: DeadTupleRow[],
): VacuumHealthResult {
  const percent = Math.round((10000 * age.xid_age) / XID_WRAPAROUND_LIMIT) / 100;
  const behind = deadTuples.filter((t) => t.past_autovacuum_threshold);
  let status: CheckStatus = grade(percent, XID_WARN_PERCENT, XID_FAIL_PERCENT);
  if (status === 'pass' && (!age.autovacuum_enabled || behind.length > 0)) status = 'warn';
  return {
    status,
    value: percent,
    threshold: XID_WARN_PERCENT,
    details: {
      transaction_id_age: age.xid_age,
      wraparound_limit: XID_WRAPAROUND_LIMIT,
      freeze_max_age: age.freeze_max_age,
      autovacuum_enabled: age.autovacuum_enabled,
      tables_behind: behind,
    },
  };
}

/** Dead tuples below this are not worth a warning even past autovacuum's threshold. */
const MIN_DEAD_TUPLES = 1000;

export async function checkVacuumHealth(sql: Sql): Promise<VacuumHealthResult> {
  const [[age], deadTuples] = await Promise.all([
    selectTransactionIdAge(sql),
    selectDeadTuples(sql, MIN_DEAD_TUPLES),
  ]);
  if (!age) throw new Error('pg_database has no row for the current database');
  return gradeVacuumHealth(age, [...deadTuples]);
}
