import { gatherHealthInputs } from '../health/health-inputs.ts';
import { healthScore } from '../health/score.ts';
import type { Sql } from '../sql/client.ts';
import type { DeploymentRow } from '../sql/deployments.ts';
import { selectWindowTotals } from '../sql/telemetry-query.ts';
import { metricsOf } from '../telemetry/metrics.ts';
import { queryWindow } from '../telemetry/window-query.ts';
import type { StepEvidence, VariantEvidence } from './canary-judge.ts';
import { DEFAULT_THRESHOLDS } from './types.ts';

const MINUTE = 60_000;

/** The canary's and the stable variant's telemetry since the current step began (minute buckets). */
async function variant(
  sql: Sql,
  d: DeploymentRow,
  name: 'canary' | 'stable',
  now: Date,
): Promise<VariantEvidence> {
  const from = new Date(
    Math.floor((d.step_started_at ?? d.started_at).getTime() / MINUTE) * MINUTE,
  );
  const to = new Date(Math.floor(now.getTime() / MINUTE) * MINUTE + MINUTE);
  const seconds = Math.max(60, (to.getTime() - from.getTime()) / 1000);
  const totals = await selectWindowTotals(
    sql,
    { resolution: 'minute', from, to, seconds },
    { deployment_id: d.deployment_id, variant: name },
  );
  const m = metricsOf(totals, seconds);
  return { requests: m.requests, failed: m.failed, p95_ms: m.p95_response_time };
}

/**
 * Everything the judge weighs. The health score costs a few queries, so the telemetry-time
 * judgement (inside an ingest transaction) leaves it out. It is computed twice, its traffic
 * components read once from the canary and once from the stable variant since the step began
 * (the environment's traffic for a variant with too few requests), so the judge can tell an
 * unhealthy canary from an unhealthy system.
 */
export async function gatherEvidence(
  sql: Sql,
  d: DeploymentRow,
  now: Date,
  options: { health: boolean },
): Promise<StepEvidence> {
  const [canary, stable, baseline, incidents, inputs] = await Promise.all([
    variant(sql, d, 'canary', now),
    variant(sql, d, 'stable', now),
    queryWindow(sql, {
      time_window: '1h',
      environment: d.environment,
      as_of: new Date(d.started_at.getTime() - 1).toISOString(),
    }),
    sql<{ n: number }[]>`
      select count(*)::int as n from public.incidents where resolved_at is null and opened_at >= ${d.started_at}`,
    options.health ? gatherHealthInputs(sql, d.environment) : Promise.resolve(null),
  ]);
  const minSamples = DEFAULT_THRESHOLDS.min_samples;
  const withTraffic = (v: VariantEvidence, errorRatePercent: number) =>
    inputs === null
      ? null
      : healthScore(
          v.requests >= minSamples ? { ...inputs, errorRatePercent, p95Ms: v.p95_ms } : inputs,
        ).health_score;
  // The canary's error rate enters at the lower bound of its confidence interval: a small canary's
  // noise must not pass for ill health, while a truly bad one stays bad.
  const z = DEFAULT_THRESHOLDS.confidence_z;
  const canaryHealth = withTraffic(
    canary,
    100 * wilsonLowerBound(canary.failed, canary.requests, z),
  );
  const stableHealth = withTraffic(
    stable,
    stable.requests ? (100 * stable.failed) / stable.requests : 0,
  );
  return {
    canary,
    stable,
    baseline_p95_ms: baseline.insufficient_data ? null : baseline.p95_response_time,
    health:
      canaryHealth === null || stableHealth === null
        ? null
        : { canary: canaryHealth, stable: stableHealth },
    open_incidents: incidents[0]?.n ?? 0,
  };
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
