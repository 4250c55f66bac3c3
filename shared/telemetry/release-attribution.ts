import { DEFAULT_SERVICE } from '../rollout/service.ts';
import type { Sql } from '../sql/client.ts';
import { selectAttributableDeployments, selectDeploymentLabels } from '../sql/deployments.ts';

/** Where a piece of SDK telemetry counts: the deployment and variant its release belongs to. */
export interface Attribution {
  deployment_id: string;
  variant: 'canary' | 'stable';
}

/** Telemetry as the standard SDKs label it: an environment, the running release, maybe a service. */
export interface ReleaseLabel {
  environment: string;
  release: string;
  /** OpenTelemetry's `service.name`: when given, only that service's deployments match. */
  service?: string | undefined;
}

/**
 * Attributes SDK telemetry (Sentry's `release`, OpenTelemetry's `service.version`) to the
 * deployment it is evidence for, with no label from the app: in an environment, the release of
 * the deployment being rolled out (or baking after 100 %) is its canary, and the release it
 * replaces is its stable. With a service name, only deployments of that service match (two
 * services may well share a version string), or else the `default` service's (a team that never
 * names services deploys everything as `default`); without one, the newest deployment of any
 * service with that release does. Anything else — another environment, an older release, no active
 * deployment — is the environment's telemetry and belongs to no deployment (null).
 */
export async function attributeReleases(
  tx: Sql,
  labels: readonly ReleaseLabel[],
  now: Date,
): Promise<Array<Attribution | null>> {
  const environments = [...new Set(labels.map((l) => l.environment).filter(Boolean))];
  if (environments.length === 0) return labels.map(() => null);
  const deployments = await selectAttributableDeployments(tx, environments, now);
  const byRelease = new Map<string, Attribution>();
  const remember = (key: string, a: Attribution) => {
    if (!byRelease.has(key)) byRelease.set(key, a);
  };
  // Newest first: a newer deployment's releases win over an older one still baking.
  for (const d of deployments) {
    const releases: Array<[string, Attribution['variant']]> = [[d.version, 'canary']];
    if (d.previous_version && d.previous_version !== d.version)
      releases.push([d.previous_version, 'stable']);
    for (const [release, variant] of releases) {
      const a = { deployment_id: d.deployment_id, variant };
      remember(keyOf(d.environment, release, d.service), a);
      remember(keyOf(d.environment, release), a);
    }
  }
  return labels.map((l) =>
    l.environment && l.release
      ? (byRelease.get(keyOf(l.environment, l.release, l.service)) ??
        // A service with no rollouts of its own is deployed as the default service.
        (l.service ? byRelease.get(keyOf(l.environment, l.release, DEFAULT_SERVICE)) : undefined) ??
        null)
      : null,
  );
}

const keyOf = (environment: string, release: string, service?: string) =>
  [environment, release, service ?? ''].join('\u0000');

/** SDK telemetry as attributed: its labels, and when it happened (ISO; absent: now). */
export interface TimedReleaseLabel {
  environment?: string | undefined;
  release?: string | undefined;
  service?: string | undefined;
  timestamp?: string | undefined;
}

/**
 * attributeReleases for telemetry with times: evidence from before a deployment started (beyond
 * the allowed clock skew) is the environment's, not that deployment's — a late batch of the old
 * version's spans or events must not be refused as a whole (`before_deployment`) nor count
 * against a rollout that had not begun.
 */
export async function attributeTelemetry(
  tx: Sql,
  items: readonly TimedReleaseLabel[],
  now: Date,
  maxSkewSeconds: number,
): Promise<Array<Attribution | null>> {
  const attributions = await attributeReleases(
    tx,
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
    (await selectDeploymentLabels(tx, ids)).map((d) => [d.deployment_id, d.started_at.getTime()]),
  );
  return attributions.map((a, i) => {
    if (!a) return null;
    const timestamp = items[i]?.timestamp;
    const at = timestamp ? Date.parse(timestamp) : now.getTime();
    const start = started.get(a.deployment_id) ?? 0;
    return start - at > maxSkewSeconds * 1000 ? null : a;
  });
}
