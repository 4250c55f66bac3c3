import type { CheckResult } from '../../../../shared/checks/check-result.ts';
import {
  selectUnvalidatedConstraints,
  type UnvalidatedConstraintRow,
} from '../../../../shared/sql/database-health.ts';
import { defineAction } from '../../_shared/action.ts';

/** A NOT VALID constraint is a half-finished migration: existing rows were never checked. */
export const unvalidatedConstraints = defineAction({
  name: 'unvalidated_constraints',
  summary: 'CHECK and FOREIGN KEY constraints added NOT VALID and never validated.',
  access: ['authenticated'],
  input: {},
  async handler(
    _input,
    { sql },
  ): Promise<CheckResult<{ constraints: UnvalidatedConstraintRow[] }>> {
    const constraints = await selectUnvalidatedConstraints(sql);
    return {
      status: constraints.length > 0 ? 'warn' : 'pass',
      value: constraints.length,
      threshold: 0,
      details: { constraints },
    };
  },
});
