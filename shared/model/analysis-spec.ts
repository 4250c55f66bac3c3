import { z } from 'zod';
import { CHECK_NAMES, checkInfo } from './check-catalog.ts';
import { customMetricsSchema } from './custom-metric.ts';

/**
 * A deployment's analysis spec: overrides of its environment's judge settings, checks run in
 * dry-run (computed and shown, never acted on), what a failure does (roll back, or pause for a
 * human), and per-metric settings. Recorded with the deployment and in its first audit row, so
 * every verdict can be traced to the spec it was judged by.
 */
export const judgeThresholdsSchema = z
  .object({
    alpha: z.number().gt(0).max(0.2),
    max_error_rate: z.number().gt(0).max(100),
    error_rate_margin: z.number().min(0).max(50),
    max_p95_ms: z.number().gt(0).max(3_600_000),
    latency_margin: z.number().min(0).max(50),
    critical_margin: z.number().min(0).max(50),
    min_samples: z.number().int().min(1).max(1_000_000),
    min_health_score: z.number().min(0).max(100),
    max_failed_health_checks: z.number().int().min(1).max(100),
    bake_seconds: z.number().int().min(0).max(86_400),
  })
  .partial()
  .strict();

export const ON_FAILURE = ['rollback', 'pause'] as const;
/** What a metric without data does: wait (until the step's deadline), fail, pass, or pause. */
export const NO_DATA_POLICIES = ['hold', 'fail', 'pass', 'pause'] as const;
/** Which way a relative metric is bad: the canary above the stable, below it, or either. */
export const DIRECTIONS = ['increase', 'decrease', 'either'] as const;

export const metricSettingsSchema = z
  .object({
    /** The metric's limit or margin: the same setting as `thresholds.<its threshold>`. */
    threshold: z.number().min(0).max(3_600_000),
    direction: z.enum(DIRECTIONS),
    critical: z.boolean(),
    dry_run: z.boolean(),
    no_data: z.enum(NO_DATA_POLICIES),
    on_failure: z.enum(ON_FAILURE),
  })
  .partial()
  .strict();

export const analysisSpecSchema = z
  .object({
    thresholds: judgeThresholdsSchema,
    dry_run: z.array(z.enum(CHECK_NAMES)).max(CHECK_NAMES.length),
    on_failure: z.enum(ON_FAILURE),
    metrics: z.partialRecord(z.enum(CHECK_NAMES), metricSettingsSchema),
    /** Metrics the user defines over stored telemetry (custom-metric.ts). */
    custom_metrics: customMetricsSchema,
  })
  .partial()
  .strict()
  .superRefine((spec, ctx) => {
    for (const [name, m] of Object.entries(spec.metrics ?? {})) {
      const info = checkInfo(name);
      const path = ['metrics', name];
      if (m?.direction !== undefined && info.comparison === 'absolute')
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'direction'],
          message: `${name} is judged against an absolute limit; its direction is fixed (${info.bad_when})`,
        });
      if (m?.threshold === undefined) continue;
      if (!info.threshold)
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'threshold'],
          message: `${name} has no threshold of its own (it restarts the other tests)`,
        });
      else if (!judgeThresholdsSchema.safeParse({ [info.threshold]: m.threshold }).success)
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'threshold'],
          message: `${name}'s threshold is out of range for ${info.threshold}`,
        });
      else {
        const other = spec.thresholds?.[info.threshold];
        if (other !== undefined && other !== m.threshold)
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'threshold'],
            message: `thresholds.${info.threshold} is ${other}: give the value once`,
          });
      }
    }
  });

export type AnalysisSpec = z.infer<typeof analysisSpecSchema>;
export type MetricSettings = z.infer<typeof metricSettingsSchema>;
export type JudgeThresholdOverrides = z.infer<typeof judgeThresholdsSchema>;
