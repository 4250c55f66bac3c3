import type { Sql } from '../sql/client.ts';
import { selectAttributableDeployments } from '../sql/deployments.ts';

/** Where a piece of SDK telemetry counts: the deployment and variant its release belongs to. */
export interface Attribution {
  deployment_id: string;
  variant: 'canary' | 'stable';
}

/** Telemetry as the standard SDKs label it: an environment and the running release. */
export interface ReleaseLabel {
  environment: string;
  release: string;
}

/**
 * Attributes SDK telemetry (Sentry's `release`, OpenTelemetry's `service.version`) to the
 * deployment it is evidence for, with no label from the app: in an environment, the release of
 * the deployment being rolled out (or baking after 100 %) is its canary, and the release it
 * replaces is its stable. Anything else — another environment, an older release, no active
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
  // Newest first: a newer deployment's releases win over an older one still baking.
  for (const d of deployments) {
    const canary = `${d.environment}\u0000${d.version}`;
    if (!byRelease.has(canary))
      byRelease.set(canary, { deployment_id: d.deployment_id, variant: 'canary' });
    if (d.previous_version && d.previous_version !== d.version) {
      const stable = `${d.environment}\u0000${d.previous_version}`;
      if (!byRelease.has(stable))
        byRelease.set(stable, { deployment_id: d.deployment_id, variant: 'stable' });
    }
  }
  return labels.map((l) =>
    l.environment && l.release
      ? (byRelease.get(`${l.environment}\u0000${l.release}`) ?? null)
      : null,
  );
}
