import { z } from 'zod';
import { CHECK_NAMES } from './check-catalog.ts';

/**
 * Custom metrics: counts the user defines over the telemetry Rollgate stores, judged per canary
 * request like `critical_errors`. The one source is `error_events` (the deployment's own events,
 * by label); other sources (OTLP metrics, …) would need a table to count from.
 */
export const CUSTOM_SOURCES = ['error_events'] as const;
/** Severities in increasing order, from `warning` (the telemetry schema's lower ones are not events to judge). */
export const SEVERITY_ORDER = ['warning', 'error', 'critical', 'fatal'] as const;
export const MAX_CUSTOM_METRICS = 5;

/** One custom metric of an analysis spec (judged in judge/custom-metrics.ts). */
export const customMetricSchema = z
  .object({
    name: z
      .string()
      .regex(
        /^[a-z][a-z0-9_]{0,39}$/,
        'lower-case letters, digits and _, at most 40, a letter first',
      ),
    source: z.enum(CUSTOM_SOURCES, {
      error: (i) =>
        `unknown source ${JSON.stringify(i.input)}: one of ${CUSTOM_SOURCES.join(', ')}`,
    }),
    filter: z
      .object({
        component: z.string().min(1).max(100),
        severity_at_least: z.enum(SEVERITY_ORDER),
        message_contains: z.string().min(1).max(200),
      })
      .partial()
      .strict()
      .default({}),
    /** `relative`: canary events per request ≤ stable's + `threshold` points; `absolute`: ≤ `threshold` %. */
    comparison: z.enum(['relative', 'absolute']),
    threshold: z.number(),
    direction: z.enum(['increase', 'decrease', 'either']).optional(),
    critical: z.boolean().optional(),
    dry_run: z.boolean().optional(),
    no_data: z.enum(['hold', 'fail', 'pass', 'pause']).optional(),
    on_failure: z.enum(['rollback', 'pause']).optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    const [lo, hi] = m.comparison === 'relative' ? [0, 50] : [0, 100];
    if (
      !(m.threshold >= lo && m.threshold <= hi) ||
      (m.comparison === 'absolute' && m.threshold === 0)
    )
      ctx.addIssue({
        code: 'custom',
        path: ['threshold'],
        message:
          m.comparison === 'relative'
            ? `a relative threshold is a margin in percentage points, 0–50 (got ${m.threshold})`
            : `an absolute threshold is a percent of canary requests, above 0 and at most 100 (got ${m.threshold})`,
      });
    if (m.comparison === 'absolute' && m.direction !== undefined && m.direction !== 'increase')
      ctx.addIssue({
        code: 'custom',
        path: ['direction'],
        message: 'an absolute custom metric is bad when it increases; its direction is fixed',
      });
  });

export const customMetricsSchema = z
  .array(customMetricSchema)
  .max(MAX_CUSTOM_METRICS, `at most ${MAX_CUSTOM_METRICS} custom metrics`)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((m, i) => {
      if ((CHECK_NAMES as readonly string[]).includes(m.name) || m.name === 'sample')
        ctx.addIssue({
          code: 'custom',
          path: [i, 'name'],
          message: `"${m.name}" is a built-in check's name`,
        });
      if (seen.has(m.name))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'name'],
          message: `"${m.name}" is defined twice`,
        });
      seen.add(m.name);
    });
  });

export type CustomMetric = z.infer<typeof customMetricSchema>;
export type CustomFilter = CustomMetric['filter'];
