import type { Sql } from '../sql/client.ts';
import {
  selectUnvalidatedConstraints,
  type UnvalidatedConstraintRow,
} from '../sql/database-health.ts';
import { type CheckResult, gradeAny } from './check-result.ts';

export type UnvalidatedConstraintsResult = CheckResult<{
  constraints: UnvalidatedConstraintRow[];
}>;

/** A NOT VALID constraint is a half-finished migration: existing rows were never checked. */
export function gradeUnvalidatedConstraints(
  constraints: UnvalidatedConstraintRow[],
): UnvalidatedConstraintsResult {
  return gradeAny(constraints, 'warn', { constraints });
}

export async function checkUnvalidatedConstraints(sql: Sql): Promise<UnvalidatedConstraintsResult> {
  return gradeUnvalidatedConstraints(await selectUnvalidatedConstraints(sql));
}
