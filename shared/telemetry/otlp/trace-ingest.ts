import type { Pool } from '../../sql/client.ts';
import { ingestErrors } from '../ingest-errors.ts';
import { type IngestOptions, ingestRequests } from '../ingest-requests.ts';
import { attributeTelemetry } from '../release-attribution.ts';
import { acceptedTimes } from './attribution.ts';
import type { OtlpResourceSpans } from './model.ts';
import { spanTelemetry } from './span-mapping.ts';

export interface OtlpIngestResult {
  /** Spans or data points refused alone (OTLP's partial_success), and why the first was. */
  rejected: number;
  message: string;
}

/**
 * Spans into the same ingest as `record_requests` and `track_errors`: mapped (span-mapping.ts),
 * attributed to canary or stable by their resource's `service.version`, then stored, rolled up
 * and judged by the hooks in each ingest's transaction.
 */
export async function ingestSpans(
  sql: Pool,
  batch: readonly OtlpResourceSpans[],
  options: IngestOptions & { keyEnvironment?: string },
): Promise<OtlpIngestResult> {
  const now = options.now ?? new Date();
  const { settings, accepted } = await acceptedTimes(sql, now);
  const telemetry = spanTelemetry(batch, accepted, options.keyEnvironment);
  const n = telemetry.requests.length;
  const attributions = await attributeTelemetry(
    sql,
    [...telemetry.requests, ...telemetry.errors],
    now,
    settings.max_clock_skew_seconds,
  );
  const requests = telemetry.requests.map((r, i) => ({ ...r, ...attributions[i] }));
  const errors = telemetry.errors.map((e, i) => ({ ...e, ...attributions[n + i] }));
  const ingest = { now, ...(options.hooks ? { hooks: options.hooks } : {}) };
  if (requests.length) await ingestRequests(sql, requests, ingest);
  if (errors.length) await ingestErrors(sql, errors, ingest);
  return { rejected: telemetry.rejected, message: telemetry.firstRejection ?? '' };
}
