import { logThreshold } from './e-values.ts';

export interface Restart {
  /** Minutes after the deployment's first minute at which this test restarts (≥ 1). */
  minute: number;
  at: string;
  log_e: number;
  threshold: number;
}

/**
 * Regressions that start late. The cumulative tests weigh a canary that was clean for an hour
 * against its whole history; here the same test also restarts at every minute k ≥ 1 of the
 * deployment, on the counts since then only. Restart k gets α · 1/(k(k+1)) of this share — the
 * weights sum to 1 over all minutes and are fixed before any data, so the union of all restarts
 * keeps the share's bound however long the deployment runs. An early restart is cheap (k = 1 costs
 * ln 2 nats), one an hour in about 8 nats more than a fresh test.
 *
 * `rows` are per-minute counts in time order; `logE` gets the sums since a restart (suffix sums,
 * so one look is linear in the number of minutes). Returns the restart closest to rejecting.
 */
export function strongestRestart<R extends { at: string }>(
  rows: readonly R[],
  alpha: number,
  add: (a: R, b: R) => R,
  logE: (since: R) => number,
): Restart | null {
  const first = rows[0];
  if (!first || rows.length < 2) return null;
  const t0 = Date.parse(first.at);
  let best: Restart | null = null;
  let suffix: R | null = null;
  for (let j = rows.length - 1; j >= 1; j--) {
    const row = rows[j] as R;
    suffix = suffix ? add(row, suffix) : row;
    const minute = Math.max(1, Math.round((Date.parse(row.at) - t0) / 60_000));
    const threshold = logThreshold(alpha / (minute * (minute + 1)));
    const log_e = logE(suffix);
    if (!best || log_e - threshold > best.log_e - best.threshold)
      best = { minute, at: row.at, log_e, threshold };
  }
  return best;
}
