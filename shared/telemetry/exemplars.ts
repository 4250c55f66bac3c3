import type { Exemplar, ExemplarDelta } from '../model/exemplar.ts';
import type { RequestSample } from '../model/request-sample.ts';
import { isFailed } from './rollup.ts';

/**
 * A batch's exemplars per minute and (environment, deployment, variant): its `n` slowest
 * requests and its `n` first failed ones, in the order `telemetry_exemplars_keep` ranks them
 * (so what the batch offers is exactly what the database would keep of it). Sorted by key: the
 * upsert locks rows in that order, so concurrent batches never deadlock.
 */
export function pickExemplars(samples: readonly RequestSample[], n: number): ExemplarDelta[] {
  if (n <= 0) return [];
  const rows = new Map<string, ExemplarDelta>();
  for (const s of samples) {
    const minute = Math.floor(s.occurred_at.getTime() / 60_000);
    const id = `${minute}\u0000${s.environment}\u0000${s.deployment_id}\u0000${s.variant}`;
    let row = rows.get(id);
    if (!row) {
      row = {
        bucket: new Date(minute * 60_000).toISOString(),
        environment: s.environment,
        deployment_id: s.deployment_id,
        variant: s.variant,
        slowest: [],
        failed: [],
      };
      rows.set(id, row);
    }
    const slowest = row.slowest;
    const failed = isFailed(s.status);
    const fastestKept = slowest.length < n ? -1 : (slowest[n - 1] as Exemplar).ms;
    if (s.duration_ms <= fastestKept && !failed) continue;
    const e: Exemplar = {
      at: s.occurred_at.getTime(),
      ms: s.duration_ms,
      status: s.status,
      route: s.route,
      release: s.release,
      trace_id: s.trace_id ?? null,
    };
    if (s.duration_ms >= fastestKept) keepTop(slowest, e, n, bySlowest);
    if (failed) keepTop(row.failed, e, n, byFirst);
  }
  return [...rows.values()].sort(byKey);
}

const byFirst = (a: Exemplar, b: Exemplar) =>
  a.at - b.at || compareText(a.route, b.route) || a.status - b.status;
const bySlowest = (a: Exemplar, b: Exemplar) => b.ms - a.ms || byFirst(a, b);
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** The primary key's order (bucket strings are ISO, so they sort as times). */
const byKey = (a: ExemplarDelta, b: ExemplarDelta) =>
  compareText(a.bucket, b.bucket) ||
  compareText(a.environment, b.environment) ||
  compareText(a.deployment_id, b.deployment_id) ||
  compareText(a.variant, b.variant);

/** Inserts `e` into the sorted `list` and drops what falls past `n` (n is small: linear is fine). */
function keepTop(
  list: Exemplar[],
  e: Exemplar,
  n: number,
  compare: (a: Exemplar, b: Exemplar) => number,
) {
  let i = list.length;
  while (i > 0 && compare(e, list[i - 1] as Exemplar) < 0) i -= 1;
  if (i >= n) return;
  list.splice(i, 0, e);
  if (list.length > n) list.pop();
}
