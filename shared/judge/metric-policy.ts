import type { AnalysisSpec } from '../model/analysis-spec.ts';
import { CHECK_NAMES, CHECKS, type CheckName, isTrafficCheck } from '../model/check-catalog.ts';
import type { CustomMetric } from '../model/custom-metric.ts';
import type { JudgeSettings } from '../model/judge-settings.ts';
import { customCheckName } from './custom-metrics.ts';

/** What one metric is judged by: the catalog's facts, the spec's choices and the thresholds. */
export interface EffectiveMetric {
  comparison: 'absolute' | 'relative_to_stable';
  threshold: { setting: string; value: number; unit: string } | null;
  direction: 'increase' | 'decrease' | 'either';
  critical: boolean;
  dry_run: boolean;
  no_data: 'hold' | 'fail' | 'pass' | 'pause';
  no_data_means: string;
  on_failure: 'rollback' | 'pause';
}

/**
 * Every metric's effective settings. A critical metric (the default) acts on its own failure at
 * once, with the spec's `on_failure` (rollback unless told); a non-critical one is a warning: its
 * failure never acts on a telemetry batch, but stops the step when the step is judged, and by
 * default pauses the rollout for a human.
 */
export function effectiveMetrics(
  spec: AnalysisSpec | null,
  settings: JudgeSettings,
): Record<CheckName, EffectiveMetric> & Record<string, EffectiveMetric> {
  const dry = new Set<string>(spec?.dry_run ?? []);
  const entries = CHECK_NAMES.map((name) => {
    const info = CHECKS[name];
    const m = spec?.metrics?.[name] ?? {};
    const critical = m.critical ?? true;
    const metric: EffectiveMetric = {
      comparison: info.comparison,
      threshold: info.threshold
        ? { setting: info.threshold, value: settings[info.threshold], unit: info.unit }
        : null,
      direction: m.direction ?? info.bad_when,
      critical,
      dry_run: m.dry_run ?? dry.has(name),
      no_data: m.no_data ?? info.no_data,
      no_data_means: info.no_data_means,
      on_failure: m.on_failure ?? (critical ? (spec?.on_failure ?? 'rollback') : 'pause'),
    };
    return [name, metric] as const;
  });
  const custom = (spec?.custom_metrics ?? []).map(
    (m) => [customCheckName(m.name), customEffective(m, spec)] as const,
  );
  return Object.fromEntries([...entries, ...custom]) as Record<CheckName, EffectiveMetric>;
}

/** A custom metric's effective settings: its own fields over the spec's defaults. */
function customEffective(metric: CustomMetric, spec: AnalysisSpec | null): EffectiveMetric {
  const critical = metric.critical ?? true;
  const relative = metric.comparison === 'relative';
  return {
    comparison: relative ? 'relative_to_stable' : 'absolute',
    threshold: {
      setting: `custom_metrics.${metric.name}.threshold`,
      value: metric.threshold,
      unit: relative
        ? `percentage points of requests with a matching ${metric.source} event over the stable`
        : `percent of canary requests with a matching ${metric.source} event`,
    },
    direction: relative ? (metric.direction ?? 'increase') : 'increase',
    critical,
    dry_run: metric.dry_run ?? false,
    no_data: metric.no_data ?? 'hold',
    no_data_means: 'fewer canary requests than min_samples',
    on_failure: metric.on_failure ?? (critical ? (spec?.on_failure ?? 'rollback') : 'pause'),
  };
}

/** A judgement's shape, as far as the policies touch it. */
interface Judged {
  verdict: 'pass' | 'fail' | 'inconclusive';
  checks: Array<{
    name: string;
    verdict: string;
    detail: string;
    no_data?: boolean;
    dry_run?: boolean;
  }>;
  reasons: string[];
}

export interface Decided {
  /** What a failure does: the strictest `on_failure` among the failing live metrics. */
  action: 'rollback' | 'pause' | null;
  /** A critical metric failed: act now, whatever the moment (a telemetry batch included). */
  immediate: boolean;
}

/**
 * Applies each metric's policies to a raw judgement: dry-run metrics are shown but do not decide;
 * a metric without data follows its no-data policy — `pass` passes it, `hold` keeps the step
 * waiting, and `fail`/`pause` wait too until the step's deadline (`atDeadline`), then fail it
 * (`pause`: with a pause for a human). A held metric at the deadline leaves the step inconclusive,
 * which the progress deadline fails (step-timer.ts): no step waits for data forever.
 */
export function applyMetricPolicies<J extends Judged>(
  j: J,
  metrics: Record<string, EffectiveMetric>,
  options: { atDeadline: boolean },
): J & Decided {
  const checks = j.checks.map((c) => {
    const m = metrics[c.name];
    if (!m) return c;
    const shown = { ...c, critical: m.critical, ...(m.dry_run ? { dry_run: true } : {}) };
    if (!c.no_data || c.verdict === 'fail') return { ...shown, on_failure: m.on_failure };
    const acts = m.no_data === 'fail' || m.no_data === 'pause';
    const verdict =
      m.no_data === 'pass' ? 'pass' : acts && options.atDeadline ? 'fail' : 'inconclusive';
    const said = `no data (${m.no_data_means}); no_data: ${m.no_data}`;
    return {
      ...shown,
      verdict,
      detail: `${said}${verdict === 'fail' ? ' at the step deadline' : ''} — ${c.detail}`,
      on_failure: m.no_data === 'pause' ? ('pause' as const) : m.on_failure,
    };
  });
  const holding = checks.some(
    (c) => isTrafficCheck(c.name) && c.no_data && c.verdict === 'inconclusive',
  );
  const kept = checks.filter((c) => c.name !== 'sample' || holding);
  const live = kept.filter((c) => !c.dry_run);
  const failed = live.filter((c) => c.verdict === 'fail');
  const verdict = failed.length
    ? 'fail'
    : live.some((c) => c.verdict === 'inconclusive')
      ? 'inconclusive'
      : 'pass';
  const acting = (c: (typeof failed)[number]) =>
    'on_failure' in c ? (c.on_failure as 'rollback' | 'pause') : 'rollback';
  return {
    ...j,
    checks: kept,
    verdict,
    reasons: failed.map((c) => `${c.name}: ${c.detail}`),
    action: failed.length
      ? failed.some((c) => acting(c) === 'rollback')
        ? 'rollback'
        : 'pause'
      : null,
    immediate: failed.some((c) => !('critical' in c) || c.critical !== false),
  };
}
