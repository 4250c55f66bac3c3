import { checkLabels } from '../rollout/telemetry-labels.ts';
import type { Pool } from '../sql/client.ts';
import { type IssueDelta, insertErrorEvents, upsertIssues } from '../sql/error-issues.ts';
import { ensurePartitions, upsertRollups } from '../sql/telemetry-ingest.ts';
import { selectTelemetrySettings } from '../sql/telemetry-settings.ts';
import { resolveTimestamps } from './clock.ts';
import { fingerprintOf } from './fingerprint.ts';
import { type IngestOptions, rangeOf } from './ingest-requests.ts';
import { scrubPersonalData } from './personal-data.ts';
import { rollupErrors } from './rollup.ts';
import type { ErrorEventInput } from './schemas.ts';

/**
 * Stores error events, groups them into issues by fingerprint and counts them in the rollups,
 * in one transaction. Returns each event's issue so a single track_error can answer with it.
 */
export async function ingestErrors(
  sql: Pool,
  inputs: readonly ErrorEventInput[],
  options: IngestOptions & {
    /**
     * False for a source the canary judge does not trust (an errors-only ingest key, the kind a
     * browser holds): its events are stored and grouped, and count for their environment, but
     * not as a deployment's canary or stable evidence.
     */
    canaryEvidence?: boolean;
  } = {},
) {
  const now = options.now ?? new Date();
  const fingerprints = await Promise.all(inputs.map((e) => e.fingerprint ?? fingerprintOf(e)));
  return sql.begin(async (tx) => {
    const settings = await selectTelemetrySettings(tx);
    const resolved = resolveTimestamps(inputs, now, rangeOf(settings), 'events');
    // Events naming a deployment are its evidence: the same label rules as request samples.
    const labels = await checkLabels(
      tx,
      inputs.map((e, i) => ({
        occurred_at: resolved[i] as Date,
        environment: e.environment ?? '',
        deployment_id: e.deployment_id ?? '',
        variant: e.variant ?? '',
      })),
      'events',
      settings.max_clock_skew_seconds,
    );
    const times = labels.map((l) => l.occurred_at);
    const issues = await upsertIssues(tx, issueDeltas(inputs, fingerprints, times));
    const byFingerprint = new Map(issues.map((i) => [i.fingerprint, i]));
    const rows = inputs.map((e, i) => ({
      occurred_at: (times[i] as Date).toISOString(),
      issue_id: byFingerprint.get(fingerprints[i] as string)?.id as number,
      fingerprint: fingerprints[i] as string,
      error_message: e.error_message,
      component: e.component,
      severity: e.severity,
      environment: labels[i]?.environment ?? '',
      release: e.release ?? '',
      deployment_id: e.deployment_id ?? '',
      variant: e.variant ?? '',
      stack: e.stack ?? null,
      metadata: e.metadata ?? {},
      trace_id: e.trace_id ?? null,
    }));
    await ensurePartitions(tx, 'error_events', times);
    await insertErrorEvents(tx, rows);
    const trusted = options.canaryEvidence !== false;
    await upsertRollups(
      tx,
      rollupErrors(
        rows.map((r, i) => ({
          ...r,
          occurred_at: times[i] as Date,
          ...(trusted ? {} : { deployment_id: '', variant: '' }),
        })),
      ),
    );
    const deploymentIds = trusted
      ? [...new Set(rows.map((r) => r.deployment_id).filter(Boolean))]
      : [];
    for (const hook of options.hooks ?? []) await hook(tx, { deploymentIds });
    return {
      accepted: rows.length,
      events: rows.map((r) => {
        const issue = byFingerprint.get(r.fingerprint);
        return {
          issue_id: r.issue_id,
          fingerprint: r.fingerprint,
          new_issue: issue?.created ?? false,
          regression: issue?.regressed ?? false,
        };
      }),
    };
  });
}

function issueDeltas(
  inputs: readonly ErrorEventInput[],
  fingerprints: string[],
  times: Date[],
): IssueDelta[] {
  const byFingerprint = new Map<string, IssueDelta>();
  inputs.forEach((e, i) => {
    const fingerprint = fingerprints[i] as string;
    const at = (times[i] as Date).toISOString();
    const existing = byFingerprint.get(fingerprint);
    if (existing) {
      existing.event_count += 1;
      if (at < existing.first_seen) existing.first_seen = at;
      if (at > existing.last_seen) existing.last_seen = at;
      existing.severity = e.severity;
      existing.last_release = e.release ?? existing.last_release;
      return;
    }
    byFingerprint.set(fingerprint, {
      fingerprint,
      // Titles are read by operators: e-mails, card numbers and tokens never reach them.
      title: scrubPersonalData(e.error_message.split('\n')[0] ?? '').slice(0, 200),
      component: e.component,
      severity: e.severity,
      event_count: 1,
      first_seen: at,
      last_seen: at,
      last_release: e.release ?? '',
    });
  });
  return [...byFingerprint.values()];
}
