import type {
  AnalysisSpec,
  JudgeThresholdOverrides,
  MetricSettings,
} from '../model/analysis-spec.ts';
import { checkInfo } from '../model/check-catalog.ts';

/** The spec's threshold overrides, with each metric's own `threshold` folded into its setting. */
export function thresholdOverrides(spec: AnalysisSpec | null): JudgeThresholdOverrides {
  const out: Record<string, number> = { ...(spec?.thresholds ?? {}) };
  for (const [name, m] of Object.entries(spec?.metrics ?? {})) {
    const key = checkInfo(name).threshold;
    if (key && m?.threshold !== undefined) out[key] = m.threshold;
  }
  return out as JudgeThresholdOverrides;
}

/**
 * A deployment's spec over its environment's default: `on_failure`, `dry_run` and
 * `custom_metrics` (the whole list) replace the environment's, each metric's settings override the environment's for that metric.
 */
export function mergeSpecs(
  base: AnalysisSpec | null | undefined,
  over: AnalysisSpec | null | undefined,
): AnalysisSpec | null {
  if (!base || Object.keys(base).length === 0) return over ?? null;
  if (!over) return base;
  const metrics: Record<string, MetricSettings> = { ...(base.metrics ?? {}) };
  for (const [name, m] of Object.entries(over.metrics ?? {}))
    metrics[name] = { ...metrics[name], ...m };
  return { ...base, ...over, metrics };
}
