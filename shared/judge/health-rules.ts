import type { Check } from '../model/judgement.ts';
import type { DeploymentEvidence } from './evidence-types.ts';

/** The judge's two rules outside the sequential tests: the health score and the health checks. */

/**
 * Below the minimum because of the canary: fail. Below it with or without the canary: the system
 * is unhealthy whatever this rollout does, so hold (inconclusive) rather than blame it.
 */
export function healthScore(health: DeploymentEvidence['health'], minimum: number): Check {
  const name = 'health_score';
  if (health === null) return { name, verdict: 'skipped', detail: 'not evaluated' };
  const detail = `${health.canary} with the canary's traffic, ${health.stable} with the stable's, against the minimum ${minimum}`;
  if (health.canary >= minimum) return { name, verdict: 'pass', detail };
  return { name, verdict: health.stable >= minimum ? 'fail' : 'inconclusive', detail };
}

export function healthChecks(i: DeploymentEvidence['incidents'], maxFailed: number): Check {
  const name = 'health_checks';
  if (i.since_start > 0)
    return {
      name,
      verdict: 'fail',
      detail: `${i.since_start} incidents opened on the environment's targets since the deployment started`,
    };
  if ((i.streak?.failures ?? 0) >= maxFailed)
    return {
      name,
      verdict: 'fail',
      detail: `${i.streak?.failures} consecutive failed probes of ${i.streak?.target} since the deployment started (limit ${maxFailed})`,
    };
  if (i.before_start > 0)
    return {
      name,
      verdict: 'inconclusive',
      detail: `${i.before_start} incidents open since before the deployment started: the system was unhealthy already`,
    };
  if (i.targets === 0)
    return {
      name,
      verdict: 'pass',
      detail: 'the environment has no monitoring target',
      no_data: true,
    };
  return { name, verdict: 'pass', detail: 'no open incident on the environment’s targets' };
}
