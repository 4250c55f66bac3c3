import { z } from 'zod';
import { timeWindowSchema } from './time-window.ts';

const label = (max: number) => z.string().trim().min(1).max(max);

export const variantSchema = z.enum(['canary', 'stable']);

/** Dimensions every piece of telemetry may carry and every query may filter by. */
export const seriesFields = {
  environment: label(50).optional(),
  deployment_id: label(255).optional(),
  variant: variantSchema.optional(),
};

export const timestampSchema = z.iso.datetime({ offset: true });

/** W3C / Sentry trace id (32 hex digits) or any caller's own request id: links a request to its errors. */
export const traceIdSchema = label(128);

export const requestSampleSchema = z.object({
  duration_ms: z.number().min(0).max(3_600_000),
  status: z.number().int().min(100).max(599),
  route: label(200).optional(),
  release: label(100).optional(),
  timestamp: timestampSchema.optional(),
  trace_id: traceIdSchema.optional(),
  ...seriesFields,
});
export type RequestSampleInput = z.infer<typeof requestSampleSchema>;

export const SEVERITIES = ['debug', 'info', 'warning', 'error', 'critical', 'fatal'] as const;

export const errorEventSchema = z.object({
  error_message: z.string().min(1).max(8192),
  component: label(100),
  severity: z.enum(SEVERITIES),
  metadata: z.record(z.string(), z.unknown()).optional(),
  release: label(100).optional(),
  fingerprint: label(200).optional(),
  stack: z.string().max(65_536).optional(),
  timestamp: timestampSchema.optional(),
  trace_id: traceIdSchema.optional(),
  ...seriesFields,
});
export type ErrorEventInput = z.infer<typeof errorEventSchema>;

/** The query half: a window, an optional evaluation instant, and the same filters. */
export const windowQueryFields = {
  time_window: timeWindowSchema.default('5m'),
  as_of: timestampSchema.optional(),
  ...seriesFields,
};
