import { judgeCustomMetric } from '../judge/custom-metrics.ts';
import { type Direction, directionalLogE } from '../judge/directional.ts';
import { JEFFREYS, logThreshold, oneSampleLogE, type Prior, priorAt } from '../judge/e-values.ts';
import type { DeploymentEvidence } from '../judge/evidence-types.ts';
import { healthChecks, healthScore } from '../judge/health-rules.ts';
import { strongestRestart } from '../judge/late-regression.ts';
import { countAbove, countOf } from '../judge/latency.ts';
import {
  type ArmCounts,
  addMinutes,
  latencyReference,
  type MinuteCounts,
  minuteCounts,
  totalOf,
  variantSummary,
} from '../judge/minute-counts.ts';
import { ALPHA_SHARES, CUSTOM_METRICS_SHARE } from '../judge/settings.ts';
import { isTrafficCheck } from '../model/check-catalog.ts';
import type { CustomMetric } from '../model/custom-metric.ts';
import type { JudgeSettings } from '../model/judge-settings.ts';
import type { Check, Judgement, Verdict } from '../model/judgement.ts';

/** Which way each relative check is bad (judge/directional.ts); `increase` when not named. */
export type Directions = Partial<
  Record<'error_rate_vs_stable' | 'latency_vs_stable' | 'critical_errors', Direction>
>;

const pct = (n: number) => `${(Math.round(n * 10_000) / 100).toString()}%`;
const rate = (x: number, n: number) => (n ? x / n : 0);
const round = (n: number) => Math.round(n * 100) / 100;
/** Says which way a relative check was judged, when it is not the default. */
const bad = (d: Direction | undefined) => (d && d !== 'increase' ? `, bad when: ${d}` : '');

function tested(
  name: string,
  logE: number,
  alpha: number,
  detail: string,
  passDetail = detail,
): Check {
  const threshold = logThreshold(alpha);
  const failed = logE >= threshold;
  const evidence = `e = ${fmtE(logE)}, fails at ${fmtE(threshold)}`;
  return {
    name,
    verdict: failed ? 'fail' : 'pass',
    detail: `${failed ? detail : passDetail} (${evidence})`,
    log_e: round(logE),
    threshold: round(threshold),
  };
}

const fmtE = (logE: number) =>
  logE > Math.log(1e6) ? `1e${Math.round(logE / Math.LN10)}` : round(Math.exp(logE)).toString();

/**
 * The sequential canary judge, with no I/O. Every test is an always-valid mixture likelihood ratio
 * (judge/e-values.ts) on the deployment's cumulative counts, so it may look at every batch of
 * every step and the probability that a canary meeting all the nulls is ever rolled back stays
 * below `alpha` (shared between the tests by a union bound). Nulls: error rate ≤ stable + margin
 * and ≤ the absolute limit; share slower than the stable median ≤ stable's + margin; share slower
 * than the latency limit ≤ 5 %; critical events ≤ stable's + margin; and the same first three
 * restarted at every minute (late regressions); and each custom metric's events per request.
 * With custom metrics, they share `CUSTOM_METRICS_SHARE` of α equally and the built-in tests the
 * rest. `pass` means nothing is proven against the canary and it has the minimum sample; it never
 * means the canary is proven good.
 */
export function judge(
  evidence: DeploymentEvidence,
  s: JudgeSettings,
  directions: Directions = {},
  custom: readonly CustomMetric[] = [],
): Judgement {
  const ref = latencyReference(evidence);
  const rows = minuteCounts(evidence, ref.bucket, s.max_p95_ms);
  const total = totalOf(rows);
  const c = total.canary;
  const st = total.stable;
  const builtIn = custom.length ? 1 - CUSTOM_METRICS_SHARE : 1;
  const a = (share: number) => s.alpha * builtIn * share;
  const priors = stablePriors(evidence, ref.bucket);
  const errorVsStable = (m: MinuteCounts) =>
    directionalLogE(
      { n: m.canary.requests, x: m.canary.failed },
      { n: m.stable.requests, x: m.stable.failed },
      s.error_rate_margin / 100,
      { stable: priors.errors },
      directions.error_rate_vs_stable ?? 'increase',
    );
  const errorAbsolute = (m: MinuteCounts) =>
    oneSampleLogE({ n: m.canary.requests, x: m.canary.failed }, s.max_error_rate / 100);
  const latencyVsStable = (m: MinuteCounts) =>
    directionalLogE(
      { n: m.canary.requests, x: m.canary.slow },
      { n: m.stable.requests, x: m.stable.slow },
      s.latency_margin / 100,
      { canary: JEFFREYS, stable: priors.latency },
      directions.latency_vs_stable ?? 'increase',
    );
  const cr = pct(rate(c.failed, c.requests));
  const checks: Check[] = [
    tested(
      'error_rate',
      errorAbsolute(total),
      a(ALPHA_SHARES.error_rate),
      `canary ${cr} of ${c.requests} against the ${s.max_error_rate}% limit`,
    ),
    tested(
      'error_rate_vs_stable',
      errorVsStable(total),
      a(ALPHA_SHARES.error_rate_vs_stable),
      `canary ${cr} of ${c.requests} against stable ${pct(rate(st.failed, st.requests))} of ${st.requests} + ${s.error_rate_margin} points${bad(directions.error_rate_vs_stable)}`,
    ),
    ref.bucket === null
      ? { name: 'latency_vs_stable', verdict: 'skipped', detail: 'no latency reference yet' }
      : tested(
          'latency_vs_stable',
          latencyVsStable(total),
          a(ALPHA_SHARES.latency_vs_stable),
          `${pct(rate(c.slow, c.requests))} of canary requests slower than the ${ref.source} median, against ${pct(rate(st.slow, st.requests))} of stable + ${s.latency_margin} points${bad(directions.latency_vs_stable)}`,
        ),
    tested(
      'latency_p95',
      oneSampleLogE({ n: c.requests, x: c.over_limit }, 0.05),
      a(ALPHA_SHARES.latency_limit),
      `${pct(rate(c.over_limit, c.requests))} of canary requests slower than ${s.max_p95_ms} ms (p95 limit: 5%)`,
    ),
    tested(
      'critical_errors',
      directionalLogE(
        criticalOf(c),
        criticalOf(st),
        s.critical_margin / 100,
        {},
        directions.critical_errors ?? 'increase',
      ),
      a(ALPHA_SHARES.critical_errors),
      `${c.critical} critical or fatal events over ${c.requests} canary requests, against ${st.critical} over ${st.requests} stable + ${s.critical_margin} points${bad(directions.critical_errors)}`,
    ),
    lateRegression(rows, a(ALPHA_SHARES.late_regression), [
      ['error rate against stable', errorVsStable],
      ['error rate against the limit', errorAbsolute],
      ...(ref.bucket === null
        ? []
        : ([['latency against stable', latencyVsStable]] as Array<
            [string, (m: MinuteCounts) => number]
          >)),
    ]),
    healthScore(evidence.health, s.min_health_score),
    healthChecks(evidence.incidents, s.max_failed_health_checks),
    ...custom.map((m) =>
      judgeCustomMetric(
        m,
        evidence.custom?.[m.name] ?? { canary: 0, stable: 0 },
        { canary: c.requests, stable: st.requests },
        (s.alpha * CUSTOM_METRICS_SHARE) / custom.length,
      ),
    ),
  ];
  if (c.requests < s.min_samples) {
    for (const x of checks) if (isTrafficCheck(x.name) && x.verdict !== 'fail') x.no_data = true;
    checks.push({
      name: 'sample',
      verdict: 'inconclusive',
      detail: `${c.requests} canary requests, ${s.min_samples} needed to pass`,
    });
  }
  const failed = checks.filter((x) => x.verdict === 'fail');
  const verdict: Verdict = failed.length
    ? 'fail'
    : checks.some((x) => x.verdict === 'inconclusive')
      ? 'inconclusive'
      : 'pass';
  return {
    verdict,
    checks,
    reasons: failed.map((x) => `${x.name}: ${x.detail}`),
    summary: {
      canary: variantSummary(evidence, 'canary', c),
      stable: variantSummary(evidence, 'stable', st),
      latency_reference: ref.source,
    },
  };
}

/** How many requests of the hour before the deployment the stable's prior is worth. */
const PRIOR_WEIGHT = 200;

/** The stable variant's priors, centred on the hour before the deployment when there was one. */
function stablePriors(evidence: DeploymentEvidence, reference: number | null) {
  const b = evidence.baseline;
  if (!b || b.requests < PRIOR_WEIGHT) return { errors: JEFFREYS, latency: JEFFREYS };
  const latency: Prior =
    reference === null
      ? JEFFREYS
      : priorAt(countAbove(b.hist, reference) / Math.max(1, countOf(b.hist)), PRIOR_WEIGHT);
  return { errors: priorAt(b.failed / b.requests, PRIOR_WEIGHT), latency };
}

/** Requests with a critical event, at most one per request (events may outnumber requests). */
const criticalOf = (a: ArmCounts) => ({
  n: Math.max(a.requests, a.critical),
  x: a.critical,
});

function lateRegression(
  rows: readonly MinuteCounts[],
  alpha: number,
  tests: Array<[string, (m: MinuteCounts) => number]>,
): Check {
  let worst: Check = {
    name: 'late_regression',
    verdict: 'pass',
    detail: 'no restart yet (one minute of evidence)',
  };
  for (const [label, logE] of tests) {
    const r = strongestRestart(rows, alpha / tests.length, addMinutes, logE);
    if (!r) continue;
    const margin = r.log_e - r.threshold;
    if (worst.log_e !== undefined && margin <= worst.log_e - (worst.threshold ?? 0)) continue;
    worst = {
      name: 'late_regression',
      verdict: margin >= 0 ? 'fail' : 'pass',
      detail: `${label} since ${r.at} (minute ${r.minute}; e = ${fmtE(r.log_e)}, fails at ${fmtE(r.threshold)})`,
      log_e: round(r.log_e),
      threshold: round(r.threshold),
    };
  }
  return worst;
}
