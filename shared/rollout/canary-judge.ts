import type { Thresholds } from './types.ts';

export interface VariantEvidence {
  requests: number;
  failed: number;
  p95_ms: number;
}

export interface StepEvidence {
  canary: VariantEvidence;
  stable: VariantEvidence;
  /** The environment's p95 before the rollout, when the stable variant has too little traffic. */
  baseline_p95_ms: number | null;
  /**
   * The health score with the canary's traffic and with the stable variant's (system components
   * are shared); null when not evaluated (the telemetry-time judgement).
   */
  health: { canary: number; stable: number } | null;
  /** Monitoring incidents open now (each is three consecutive failed health checks). */
  open_incidents: number;
}

export type Verdict = 'pass' | 'fail' | 'inconclusive';

export interface Check {
  name: string;
  verdict: Verdict | 'skipped';
  detail: string;
}

export interface Judgement {
  verdict: Verdict;
  checks: Check[];
  reasons: string[];
}

/**
 * Kayenta-style judgement of a canary step, with no I/O. Error rates are tested statistically
 * (one-sided z-tests: against the absolute limit, and against the stable variant with a minimum
 * effect of one percentage point) so noise in a healthy canary does not roll it back; too few
 * canary requests make the verdict inconclusive, which holds the step rather than failing it.
 */
export function judge(e: StepEvidence, t: Thresholds): Judgement {
  const checks = [
    errorRateAbsolute(e.canary, t),
    errorRateVersusStable(e.canary, e.stable, t),
    latencyAbsolute(e.canary, t),
    latencyVersusBaseline(e, t),
    healthScore(e.health, t),
    healthChecks(e.open_incidents, t),
  ];
  const failed = checks.filter((c) => c.verdict === 'fail');
  const verdict: Verdict = failed.length
    ? 'fail'
    : checks.some((c) => c.verdict === 'inconclusive')
      ? 'inconclusive'
      : 'pass';
  return { verdict, checks, reasons: failed.map((c) => `${c.name}: ${c.detail}`) };
}

const pct = (n: number) => `${(Math.round(n * 10_000) / 100).toString()}%`;

function errorRateAbsolute(c: VariantEvidence, t: Thresholds): Check {
  const name = 'error_rate';
  if (c.requests < t.min_samples)
    return {
      name,
      verdict: 'inconclusive',
      detail: `${c.requests} canary requests, ${t.min_samples} needed`,
    };
  const p = c.failed / c.requests;
  const p0 = t.max_error_rate / 100;
  const z = (p - p0) / Math.sqrt((p0 * (1 - p0)) / c.requests);
  const detail = `canary ${pct(p)} of ${c.requests} against the ${t.max_error_rate}% limit (z = ${z.toFixed(2)})`;
  return { name, verdict: z > t.confidence_z ? 'fail' : 'pass', detail };
}

function errorRateVersusStable(c: VariantEvidence, s: VariantEvidence, t: Thresholds): Check {
  const name = 'error_rate_vs_stable';
  if (s.requests < t.min_samples)
    return {
      name,
      verdict: 'skipped',
      detail: `${s.requests} stable requests, ${t.min_samples} needed`,
    };
  if (c.requests < t.min_samples)
    return {
      name,
      verdict: 'inconclusive',
      detail: `${c.requests} canary requests, ${t.min_samples} needed`,
    };
  const p1 = c.failed / c.requests;
  const p2 = s.failed / s.requests;
  const pooled = (c.failed + s.failed) / (c.requests + s.requests);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / c.requests + 1 / s.requests));
  const z = se === 0 ? 0 : (p1 - p2) / se;
  const detail = `canary ${pct(p1)} against stable ${pct(p2)} (z = ${z.toFixed(2)})`;
  return { name, verdict: z > t.confidence_z && p1 - p2 > 0.01 ? 'fail' : 'pass', detail };
}

function latencyAbsolute(c: VariantEvidence, t: Thresholds): Check {
  const name = 'latency_p95';
  if (c.requests < t.min_samples)
    return {
      name,
      verdict: 'inconclusive',
      detail: `${c.requests} canary requests, ${t.min_samples} needed`,
    };
  const detail = `canary p95 ${c.p95_ms} ms against the ${t.max_p95_ms} ms limit`;
  return { name, verdict: c.p95_ms > t.max_p95_ms ? 'fail' : 'pass', detail };
}

function latencyVersusBaseline(e: StepEvidence, t: Thresholds): Check {
  const name = 'latency_vs_baseline';
  const baseline = e.stable.requests >= t.min_samples ? e.stable.p95_ms : e.baseline_p95_ms;
  if (!baseline) return { name, verdict: 'skipped', detail: 'no baseline latency' };
  if (e.canary.requests < t.min_samples)
    return {
      name,
      verdict: 'inconclusive',
      detail: `${e.canary.requests} canary requests, ${t.min_samples} needed`,
    };
  const ratio = e.canary.p95_ms / baseline;
  const detail = `canary p95 ${e.canary.p95_ms} ms is ${Math.round(ratio * 100)}% of baseline ${baseline} ms (limit ${t.max_latency_ratio * 100}%)`;
  return { name, verdict: ratio > t.max_latency_ratio ? 'fail' : 'pass', detail };
}

/**
 * Below the minimum because of the canary: fail. Below it with or without the canary: the system
 * is unhealthy whatever this rollout does, so hold the step (inconclusive) rather than blame it.
 */
function healthScore(health: { canary: number; stable: number } | null, t: Thresholds): Check {
  const name = 'health_score';
  if (health === null) return { name, verdict: 'skipped', detail: 'not evaluated' };
  const detail = `${health.canary} with the canary's traffic, ${health.stable} with the stable's, against the minimum ${t.min_health_score}`;
  if (health.canary >= t.min_health_score) return { name, verdict: 'pass', detail };
  return { name, verdict: health.stable >= t.min_health_score ? 'fail' : 'inconclusive', detail };
}

function healthChecks(openIncidents: number, t: Thresholds): Check {
  const name = 'health_checks';
  const detail = `${openIncidents} targets with ${t.max_failed_health_checks} consecutive failed health checks`;
  return { name, verdict: openIncidents > 0 ? 'fail' : 'pass', detail };
}
