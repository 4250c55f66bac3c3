import type { RequestSample } from '../model/request-sample.ts';
import { checkLabels } from '../rollout/telemetry-labels.ts';
import type { Pool, Sql, TelemetryHook } from '../sql/client.ts';
import { addStepCanaryRequests } from '../sql/deployments.ts';
import { upsertExemplars } from '../sql/telemetry-exemplars.ts';
import { ensurePartitions, insertRequestSamples, upsertRollups } from '../sql/telemetry-ingest.ts';
import { selectTelemetrySettings, type TelemetrySettings } from '../sql/telemetry-settings.ts';
import { resolveTimestamps } from './clock.ts';
import { pickExemplars } from './exemplars.ts';
import { rollupRequests } from './rollup.ts';
import type { RequestSampleInput } from './schemas.ts';

export interface IngestOptions {
  now?: Date;
  hooks?: readonly TelemetryHook[];
}

/**
 * Adds a batch of request samples to the rollups (the record) and the exemplars, stores them raw
 * when the `raw_samples` setting asks, in one transaction, then lets the hooks (the canary
 * judge) decide on the committed-to-be evidence inside that same transaction. All or nothing:
 * one bad sample rejects the batch before anything is written.
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
    const unchecked = inputs.map((s, i) => sampleOf(s, times[i] as Date));
    const samples = await checkLabels(tx, unchecked, 'requests', settings.max_clock_skew_seconds);
    // Sent back to back without waiting (postgres.js pipelines them on the transaction's
    // connection) and run in that order, which is the lock order of every writer: rollup rows,
    // exemplar rows, deployments — each in key order (raw rows are plain inserts, no lock).
    const exemplars = pickExemplars(samples, settings.exemplars_per_minute);
    const raw = rawSamplesOf(samples, settings);
    await Promise.all([
      upsertRollups(tx, rollupRequests(samples)),
      exemplars.length > 0 ? upsertExemplars(tx, exemplars, settings.exemplars_per_minute) : null,
      raw.length > 0 ? storeRaw(tx, raw) : null,
      addStepCanaryRequests(tx, canaryCounts(samples)),
    ]);
    const deploymentIds = [...new Set(samples.map((s) => s.deployment_id).filter(Boolean))];
    for (const hook of options.hooks ?? []) await hook(tx, { deploymentIds });
    return { accepted: samples.length, failed: samples.filter((s) => s.status >= 500).length };
  });
}

/** A validated input as ingest counts it: '' for a label not given. */
export function sampleOf(input: RequestSampleInput, at: Date): RequestSample {
  return {
    occurred_at: at,
    duration_ms: input.duration_ms,
    status: input.status,
    route: input.route ?? '',
    environment: input.environment ?? '',
    release: input.release ?? '',
    deployment_id: input.deployment_id ?? '',
    variant: input.variant ?? '',
    trace_id: input.trace_id ?? null,
  };
}

async function storeRaw(tx: Sql, raw: readonly RequestSample[]) {
  await ensurePartitions(
    tx,
    'request_samples',
    raw.map((s) => s.occurred_at),
  );
  await insertRequestSamples(tx, raw);
}

/** The samples stored raw under the `raw_samples` setting (each one independently when sampled). */
export function rawSamplesOf<S>(
  samples: readonly S[],
  settings: Pick<TelemetrySettings, 'raw_samples' | 'raw_sample_rate'>,
  random: () => number = Math.random,
): readonly S[] {
  if (settings.raw_samples === 'on') return samples;
  if (settings.raw_samples === 'off') return [];
  return samples.filter(() => random() < settings.raw_sample_rate);
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
