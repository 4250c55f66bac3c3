import { type CustomFilter, type CustomMetric, SEVERITY_ORDER } from '../model/custom-metric.ts';
import { directionalLogE } from './directional.ts';
import { logThreshold, oneSampleLogE, type Proportion } from './e-values.ts';

/** The check name a custom metric has in an analysis row. */
export const customCheckName = (name: string) => `custom:${name}`;

/** Events of one custom metric, per variant, since the deployment started. */
export interface CustomCounts {
  canary: number;
  stable: number;
}

/** The severities `severity_at_least` admits (all when not given). */
export function severitiesFrom(least: CustomFilter['severity_at_least']): string[] {
  if (!least) return [];
  return SEVERITY_ORDER.slice(SEVERITY_ORDER.indexOf(least));
}

/** Requests with an event, at most one per request (events may outnumber requests). */
const perRequest = (requests: number, events: number): Proportion => ({
  n: Math.max(requests, events),
  x: events,
});

const pct = (x: number, n: number) => `${n ? Math.round((x / n) * 10_000) / 100 : 0}%`;
const round = (n: number) => Math.round(n * 100) / 100;

/**
 * One custom metric judged with the same e-values as `critical_errors` (relative) or `error_rate`
 * (absolute), at level `alpha` (its share).
 */
export function judgeCustomMetric(
  metric: CustomMetric,
  counts: CustomCounts,
  requests: { canary: number; stable: number },
  alpha: number,
) {
  const c = perRequest(requests.canary, counts.canary);
  const s = perRequest(requests.stable, counts.stable);
  const direction =
    metric.comparison === 'relative' ? (metric.direction ?? 'increase') : 'increase';
  const logE =
    metric.comparison === 'relative'
      ? directionalLogE(c, s, metric.threshold / 100, {}, direction)
      : oneSampleLogE(c, metric.threshold / 100);
  const threshold = logThreshold(alpha);
  const against =
    metric.comparison === 'relative'
      ? `against ${counts.stable} over ${requests.stable} stable (${pct(s.x, s.n)}) + ${metric.threshold} points${direction === 'increase' ? '' : `, bad when: ${direction}`}`
      : `against the ${metric.threshold}% limit`;
  const e = (l: number) =>
    l > Math.log(1e6) ? `1e${Math.round(l / Math.LN10)}` : round(Math.exp(l)).toString();
  return {
    name: customCheckName(metric.name),
    verdict: logE >= threshold ? ('fail' as const) : ('pass' as const),
    detail: `${counts.canary} ${metric.name} events over ${requests.canary} canary requests (${pct(c.x, c.n)}), ${against} (e = ${e(logE)}, fails at ${e(threshold)})`,
    log_e: round(logE),
    threshold: round(threshold),
    values: {
      canary_events: counts.canary,
      stable_events: counts.stable,
      canary_requests: requests.canary,
      stable_requests: requests.stable,
    },
  };
}
