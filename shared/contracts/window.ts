import { z } from 'zod';
import { timestamp } from './fields.ts';

/** The figures of one telemetry window (shared/telemetry/metrics.ts). */
export const windowMetricsSchema = z.object({
  requests: z.number(),
  failed: z.number(),
  error_events: z.number(),
  error_rate: z.number(),
  avg_response_time: z.number(),
  p50_response_time: z.number(),
  p95_response_time: z.number(),
  p99_response_time: z.number(),
  max_response_time: z.number(),
  requests_per_second: z.number(),
  insufficient_data: z.boolean(),
});

/** Which window the figures cover, and read from which rollups. */
export const windowBoundsSchema = z.object({
  time_window: z.string(),
  window_start: timestamp,
  window_end: timestamp,
  resolution: z.enum(['minute', 'hour']),
});

export const windowAnswerSchema = windowMetricsSchema.extend(windowBoundsSchema.shape);
