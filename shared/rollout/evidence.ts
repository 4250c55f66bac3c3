import { gatherHealthInputs } from '../health/health-inputs.ts';
import { healthScore } from '../health/score.ts';
import { severitiesFrom } from '../judge/custom-metrics.ts';
import type { DeploymentEvidence, MinuteSlice, VariantSlice } from '../judge/evidence-types.ts';
import { emptySlice } from '../judge/evidence-types.ts';
import { p95Of, sumHist } from '../judge/latency.ts';
import type { CustomMetric } from '../model/custom-metric.ts';
import type { Thresholds } from '../model/thresholds.ts';
import type { Sql } from '../sql/client.ts';
import type { DeploymentRow } from '../sql/deployments.ts';
import {
  selectCustomEventCounts,
  selectDeploymentMinutes,
  selectIncidentCounts,
  selectProbeStreak,
} from '../sql/judge-evidence.ts';
import { selectWindowTotals } from '../sql/telemetry-query.ts';
import { planFor } from '../telemetry/window-query.ts';

const MINUTE = 60_000;

/**
 * A deployment's evidence since it began, minute by minute and per variant, by its label. The
 * first bucket read is the minute holding `started_at`: telemetry can carry this deployment's id
 * only once it exists (ingest refuses samples timestamped before it, labels-check.ts), so that
 * partial minute holds only this deployment's own requests — the window starts exactly at the
 * start, not at the minute.
 */
async function slices(sql: Sql, deployment: DeploymentRow): Promise<MinuteSlice[]> {
  const from = new Date(Math.floor(deployment.started_at.getTime() / MINUTE) * MINUTE);
  const rows = await selectDeploymentMinutes(sql, deployment, from);
  const byMinute = new Map<string, MinuteSlice>();
  for (const r of rows) {
    const at = r.bucket.toISOString();
    let s = byMinute.get(at);
    if (!s) {
      s = { at, canary: emptySlice(), stable: emptySlice() };
      byMinute.set(at, s);
    }
    const v: VariantSlice = {
      requests: r.requests,
      failed: r.failed,
      critical: r.critical_events,
      hist: r.hist,
    };
    if (r.variant === 'canary') s.canary = v;
    else s.stable = v;
  }
  return [...byMinute.values()];
}

/** Each custom metric's events per variant, from the start's minute on, like the slices. */
async function customCounts(sql: Sql, deployment: DeploymentRow, metrics: readonly CustomMetric[]) {
  if (metrics.length === 0) return null;
  const from = new Date(Math.floor(deployment.started_at.getTime() / MINUTE) * MINUTE);
  const counts = await Promise.all(
    metrics.map((m) =>
      selectCustomEventCounts(sql, deployment, from, {
        ...(m.filter.component ? { component: m.filter.component } : {}),
        severities: severitiesFrom(m.filter.severity_at_least),
        ...(m.filter.message_contains ? { messageContains: m.filter.message_contains } : {}),
      }),
    ),
  );
  return Object.fromEntries(metrics.map((m, i) => [m.name, counts[i] ?? { canary: 0, stable: 0 }]));
}

/**
 * Everything the judge weighs. The health score costs a few queries, so the telemetry-time
 * judgement (inside an ingest transaction) leaves it out. It is computed twice, its traffic
 * components read once from the canary and once from the stable variant (the environment's
 * traffic for a variant under the environment's `min_samples`), so the judge can tell an
 * unhealthy canary from an unhealthy system.
 */
export async function gatherEvidence(
  sql: Sql,
  deployment: DeploymentRow,
  t: Thresholds,
  options: { health: boolean; custom?: readonly CustomMetric[] },
): Promise<DeploymentEvidence> {
  const baselinePlan = planFor({
    time_window: '1h',
    as_of: new Date(deployment.started_at.getTime() - 1).toISOString(),
  });
  const [minutes, baseline, incidents, probes, inputs, custom] = await Promise.all([
    slices(sql, deployment),
    selectWindowTotals(sql, baselinePlan, { environment: deployment.environment }),
    selectIncidentCounts(sql, deployment, deployment.started_at),
    selectProbeStreak(sql, deployment, deployment.started_at),
    options.health ? gatherHealthInputs(sql, deployment.environment) : Promise.resolve(null),
    customCounts(sql, deployment, options.custom ?? []),
  ]);
  const evidence: DeploymentEvidence = {
    slices: minutes,
    baseline:
      baseline.requests > 0
        ? { requests: baseline.requests, failed: baseline.failed, hist: baseline.hist }
        : null,
    health: null,
    incidents: { ...incidents, ...probes },
    ...(custom ? { custom } : {}),
  };
  if (inputs === null) return evidence;
  const total = (v: 'canary' | 'stable') => {
    const hist = sumHist(minutes.map((m) => m[v].hist));
    const requests = minutes.reduce((a, m) => a + m[v].requests, 0);
    const failed = minutes.reduce((a, m) => a + m[v].failed, 0);
    return { requests, failed, p95: p95Of(hist) };
  };
  const withTraffic = (v: { requests: number; p95: number }, errorRatePercent: number) =>
    healthScore(
      v.requests >= t.min_samples ? { ...inputs, errorRatePercent, p95Ms: v.p95 } : inputs,
    ).health_score;
  const c = total('canary');
  const s = total('stable');
  // The canary's error rate enters at the lower bound of its confidence interval: a small canary's
  // noise must not pass for ill health, while a truly bad one stays bad.
  evidence.health = {
    canary: withTraffic(c, 100 * wilsonLowerBound(c.failed, c.requests, t.confidence_z)),
    stable: withTraffic(s, s.requests ? (100 * s.failed) / s.requests : 0),
  };
  return evidence;
}

/** Wilson score interval's lower bound for a proportion: what the data shows at least. */
export function wilsonLowerBound(successes: number, n: number, z: number): number {
  if (n === 0) return 0;
  const p = successes / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const spread = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.max(0, (centre - spread) / (1 + z2 / n));
}
