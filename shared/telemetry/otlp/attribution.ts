import type { Sql } from '../../sql/client.ts';
import { selectDeploymentLabels } from '../../sql/deployments.ts';
import { selectTelemetrySettings } from '../../sql/telemetry-settings.ts';
import { rangeOf } from '../ingest-requests.ts';
import { type Attribution, attributeReleases } from '../release-attribution.ts';
import type { AcceptedTimes } from './span-mapping.ts';

/**
 * The telemetry settings and the times they accept: the raw store's retention back, the allowed
 * clock skew ahead. Outside them a span or data point is rejected alone (partial_success), not
 * the whole batch as `resolveTimestamps` would.
 */
export async function acceptedTimes(sql: Sql, now: Date) {
  const settings = await selectTelemetrySettings(sql);
  const range = rangeOf(settings);
  const accepted: AcceptedTimes = {
    fromMs: now.getTime() - range.maxAgeSeconds * 1000,
    toMs: now.getTime() + range.maxSkewSeconds * 1000,
  };
  return { settings, accepted };
}

/** A piece of telemetry as OTLP labels it: no deployment, only an environment and a release. */
export interface Labelled {
  environment?: string | undefined;
  release?: string | undefined;
  /** `service.name`: only that service's deployments match (else the default service's). */
  service?: string | undefined;
  timestamp?: string | undefined;
}

/**
 * Each item's deployment and variant, from its resource's `service.name` and `service.version`
 * (release-attribution.ts), or null. Evidence from before a deployment started (beyond the allowed clock skew) is the
 * environment's, not that deployment's: a late batch of the old version's spans must not be
 * refused as a whole (`before_deployment`) nor count against a rollout that had not begun.
 */
export async function attributeOtlp(
  sql: Sql,
  items: readonly Labelled[],
  now: Date,
  maxSkewSeconds: number,
): Promise<Array<Attribution | null>> {
  const attributions = await attributeReleases(
    sql,
    items.map((i) => ({
      environment: i.environment ?? '',
      release: i.release ?? '',
      service: i.service || undefined,
    })),
    now,
  );
  const ids = [...new Set(attributions.flatMap((a) => (a ? [a.deployment_id] : [])))];
  if (ids.length === 0) return attributions;
  const started = new Map(
    (await selectDeploymentLabels(sql, ids)).map((d) => [d.deployment_id, d.started_at.getTime()]),
  );
  return attributions.map((a, i) => {
    if (!a) return null;
    const at = items[i]?.timestamp ? Date.parse(items[i]?.timestamp as string) : now.getTime();
    const start = started.get(a.deployment_id) ?? 0;
    return start - at > maxSkewSeconds * 1000 ? null : a;
  });
}
