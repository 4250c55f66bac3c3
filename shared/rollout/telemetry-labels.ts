import { AppError } from '../app-error.ts';
import type { Sql } from '../sql/client.ts';
import { selectDeploymentLabels } from '../sql/deployments.ts';

export interface LabelledSample {
  occurred_at: Date;
  environment: string;
  deployment_id: string;
  variant: string;
}

/**
 * Telemetry that names a deployment is that deployment's evidence, so its labels are checked
 * before anything is written (the whole batch is refused, 422, naming the first bad sample):
 * the deployment must exist, the environment (filled in when absent) must be the deployment's,
 * the variant must be given, and the sample must not predate the deployment — within the allowed
 * clock skew it is counted at the deployment's start, so a deployment's evidence begins exactly
 * when it did. Samples naming no deployment are the environment's and pass unchanged.
 */
export async function checkLabels<S extends LabelledSample>(
  tx: Sql,
  samples: S[],
  field: string,
  maxSkewSeconds: number,
): Promise<S[]> {
  const ids = [...new Set(samples.map((s) => s.deployment_id).filter(Boolean))];
  if (ids.length === 0) return samples;
  const known = new Map((await selectDeploymentLabels(tx, ids)).map((d) => [d.deployment_id, d]));
  return samples.map((s, index) => {
    if (!s.deployment_id) return s;
    const at = `${field}[${index}]`;
    const d = known.get(s.deployment_id);
    if (!d)
      throw new AppError(422, 'unknown_deployment', `${at}.deployment_id names no deployment`, {
        details: { index, deployment_id: s.deployment_id },
      });
    if (s.environment && s.environment !== d.environment)
      throw new AppError(
        422,
        'environment_mismatch',
        `${at}.environment is ${s.environment}, but ${d.deployment_id} runs in ${d.environment}`,
        { details: { index, environment: s.environment, deployment_environment: d.environment } },
      );
    if (!s.variant)
      throw new AppError(
        422,
        'variant_required',
        `${at}.variant is required with a deployment_id ("canary" or "stable")`,
        { details: { index, deployment_id: s.deployment_id } },
      );
    const early = d.started_at.getTime() - s.occurred_at.getTime();
    if (early > maxSkewSeconds * 1000)
      throw new AppError(
        422,
        'before_deployment',
        `${at}.timestamp is before ${d.deployment_id} started (${d.started_at.toISOString()})`,
        { details: { index, timestamp: s.occurred_at.toISOString(), started_at: d.started_at } },
      );
    return {
      ...s,
      environment: d.environment,
      occurred_at: early > 0 ? d.started_at : s.occurred_at,
    };
  });
}
