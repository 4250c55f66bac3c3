import { checkLabels } from '../rollout/telemetry-labels.ts';
import type { Pool, TelemetryHook } from '../sql/client.ts';
import { addStepCanaryRequests } from '../sql/deployments.ts';
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
    const unchecked: RequestSample[] = inputs.map((s, i) => ({
      occurred_at: times[i] as Date,
      duration_ms: s.duration_ms,
      status: s.status,
      route: s.route ?? '',
      environment: s.environment ?? '',
      release: s.release ?? '',
      deployment_id: s.deployment_id ?? '',
      variant: s.variant ?? '',
    }));
    const samples = await checkLabels(tx, unchecked, 'requests', settings.max_clock_skew_seconds);
    await ensurePartitions(
      tx,
      'request_samples',
      samples.map((s) => s.occurred_at),
    );
    await insertRequestSamples(tx, samples);
    const deltas = rollupRequests(samples);
    await upsertRollups(tx, deltas);
    const deploymentIds = [...new Set(samples.map((s) => s.deployment_id).filter(Boolean))];
    await addStepCanaryRequests(tx, canaryCounts(samples));
    for (const hook of options.hooks ?? []) await hook(tx, { deploymentIds });
    return { accepted: samples.length, failed: samples.filter((s) => s.status >= 500).length };
  });
}

/** Canary requests per deployment, for the steps' sample counters (sorted: lock order). */
function canaryCounts(samples: readonly RequestSample[]) {
  const counts = new Map<string, number>();
  for (const s of samples)
    if (s.deployment_id && s.variant === 'canary')
      counts.set(s.deployment_id, (counts.get(s.deployment_id) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, n]) => ({ id, n }));
}

export function rangeOf(settings: { raw_retention_days: number; max_clock_skew_seconds: number }) {
  return {
    maxAgeSeconds: settings.raw_retention_days * 86_400,
    maxSkewSeconds: settings.max_clock_skew_seconds,
  };
}
