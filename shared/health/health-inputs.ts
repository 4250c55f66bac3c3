import { FUNCTION_NAMES } from '../function-names.ts';
import type { Sql } from '../sql/client.ts';
import { countOpenIssues } from '../sql/error-issues.ts';
import { selectLatestProbes } from '../sql/monitoring.ts';
import { queueBacklog } from '../sql/system.ts';
import { queryWindow } from '../telemetry/window-query.ts';
import type { HealthInputs } from './score.ts';

const FUNCTION_TARGETS = new Set(FUNCTION_NAMES.map((n) => `function:${n}`));

/** Gathers the score's evidence; the database answering these queries is itself the evidence it is up. */
export async function gatherHealthInputs(sql: Sql, environment?: string): Promise<HealthInputs> {
  const now = Date.now();
  const [recent, baseline, probes, critical, queue] = await Promise.all([
    queryWindow(sql, { time_window: '5m', environment }),
    queryWindow(sql, {
      time_window: '1h',
      environment,
      as_of: new Date(now - 5 * 60_000).toISOString(),
    }),
    selectLatestProbes(sql),
    countOpenIssues(sql, ['critical', 'fatal']),
    queueBacklog(sql),
  ]);
  // Probes older than five minutes say nothing about now.
  const fresh = probes.filter(
    (p) => FUNCTION_TARGETS.has(p.target) && now - p.probed_at.getTime() < 5 * 60_000,
  );
  return {
    databaseUp: true,
    functionProbes: { ok: fresh.filter((p) => p.ok).length, total: fresh.length },
    errorRatePercent: recent.insufficient_data ? null : recent.error_rate,
    p95Ms: recent.insufficient_data ? null : recent.p95_response_time,
    baselineP95Ms: baseline.insufficient_data ? null : baseline.p95_response_time,
    openCriticalIssues: critical,
    queueOverdueJobs: queue ? queue.overdue : null,
  };
}
