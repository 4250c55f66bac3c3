import type { Pool, TelemetryHook } from '../sql/client.ts';
import { ensurePartitions, insertRequestSamples, upsertRollups } from '../sql/telemetry-ingest.ts';
import { selectTelemetrySettings } from '../sql/telemetry-settings.ts';
import { resolveTimestamps } from './clock.ts';
import { type RequestSample, rollupRequests } from './rollup.ts';
import type { RequestSampleInput } from './schemas.ts';

export interface IngestOptions {
  now?: Date;
  hooks?: readonly TelemetryHook[];
}

/**
 * Stores a batch of request samples and adds it to the rollups in one transaction, then lets the
 * hooks (the canary judge) decide on the committed-to-be evidence inside that same transaction.
 * All or nothing: one bad sample rejects the batch before anything is written.
 */
export async function ingestRequests(
  sql: Pool,
  inputs: readonly RequestSampleInput[],
  options: IngestOptions = {},
) {
  const now = options.now ?? new Date();
  return sql.begin(async (tx) => {
    const settings = await selectTelemetrySettings(tx);
    const times = resolveTimestamps(inputs, now, rangeOf(settings), 'requests');
    const samples: RequestSample[] = inputs.map((s, i) => ({
      occurred_at: times[i] as Date,
      duration_ms: s.duration_ms,
      status: s.status,
      route: s.route ?? '',
      environment: s.environment ?? '',
      release: s.release ?? '',
      deployment_id: s.deployment_id ?? '',
      variant: s.variant ?? '',
    }));
    await ensurePartitions(tx, 'request_samples', times);
    await insertRequestSamples(tx, samples);
    const deltas = rollupRequests(samples);
    await upsertRollups(tx, deltas);
    const deploymentIds = [...new Set(samples.map((s) => s.deployment_id).filter(Boolean))];
    for (const hook of options.hooks ?? []) await hook(tx, { deploymentIds });
    return { accepted: samples.length, failed: samples.filter((s) => s.status >= 500).length };
  });
}

export function rangeOf(settings: { raw_retention_days: number; max_clock_skew_seconds: number }) {
  return {
    maxAgeSeconds: settings.raw_retention_days * 86_400,
    maxSkewSeconds: settings.max_clock_skew_seconds,
  };
}
