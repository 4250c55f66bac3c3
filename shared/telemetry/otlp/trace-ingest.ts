import type { Pool } from '../../sql/client.ts';
import { selectMetricServices } from '../../sql/otlp-metric-services.ts';
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
  telemetry.requests = await withoutMetricServices(sql, telemetry.requests);
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

/** How long after its last request-duration histogram a service's spans make no request samples. */
const METRICS_COUNT_REQUESTS_FOR_SECONDS = 3600;

/**
 * A service whose SDK also exports the request-duration histogram has its requests counted there
 * (every request, where spans are often sampled): its server spans would count them twice.
 */
async function withoutMetricServices<T extends { environment?: string; service: string }>(
  sql: Pool,
  requests: T[],
): Promise<T[]> {
  if (requests.length === 0) return requests;
  const services = await selectMetricServices(sql, METRICS_COUNT_REQUESTS_FOR_SECONDS);
  if (services.length === 0) return requests;
  const counted = new Set(services.map((s) => JSON.stringify([s.environment, s.service])));
  return requests.filter((r) => !counted.has(JSON.stringify([r.environment ?? '', r.service])));
}
