/** The shape every database check answers with (issue: database-scalability). */
export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface CheckResult<D = unknown> {
  status: CheckStatus;
  value: number | null;
  threshold: number | null;
  details: D;
}

/** pass below `warnAt`, warn from `warnAt`, fail from `failAt` (for "more is worse" metrics). */
export function grade(value: number, warnAt: number, failAt: number): CheckStatus {
  if (value >= failAt) return 'fail';
  if (value >= warnAt) return 'warn';
  return 'pass';
}

/**
 * A check where any finding is one too many: `value` counts them against a threshold of 0, and
 * any finding gives `whenAny`.
 */
export function gradeAny<D>(
  findings: readonly unknown[],
  whenAny: CheckStatus,
  details: D,
): CheckResult<D> {
  return {
    status: findings.length > 0 ? whenAny : 'pass',
    value: findings.length,
    threshold: 0,
    details,
  };
}
