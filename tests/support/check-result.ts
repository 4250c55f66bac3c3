import type { CheckResult } from '../../shared/checks/check-result.ts';

/**
 * A database check's whole answer, to compare with `toEqual`: `R` is the check's own result type
 * (shared/checks), so the expected status, figures and details are type-checked against it.
 */
export function checkResult<R extends CheckResult>(
  status: R['status'],
  value: R['value'],
  threshold: R['threshold'],
  details: R['details'],
): CheckResult<R['details']> {
  return { status, value, threshold, details };
}
