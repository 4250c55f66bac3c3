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
