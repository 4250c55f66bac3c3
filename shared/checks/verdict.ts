import type { CheckResult, CheckStatus } from './check-result.ts';

const RANK: Record<CheckStatus, number> = { pass: 0, warn: 1, fail: 2 };

export interface Verdict {
  verdict: CheckStatus;
  failed: string[];
  warnings: string[];
}

/** The worst status wins: one failed check fails the whole pre-deployment check. */
export function verdictOf(results: Record<string, Pick<CheckResult, 'status'>>): Verdict {
  const entries = Object.entries(results);
  const worst = entries.reduce<CheckStatus>(
    (acc, [, r]) => (RANK[r.status] > RANK[acc] ? r.status : acc),
    'pass',
  );
  return {
    verdict: worst,
    failed: entries.filter(([, r]) => r.status === 'fail').map(([name]) => name),
    warnings: entries.filter(([, r]) => r.status === 'warn').map(([name]) => name),
  };
}
