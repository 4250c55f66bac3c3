import type { DeploymentFacts } from '../model/deployment-facts.ts';

export type Outcome = 'succeeded' | 'failed' | 'rolled_back' | 'in_progress';

/**
 * A deployment's outcome at the window's end: one that completed after it (or has not completed)
 * was still in progress then. Statistics over a past window are thereby not changed by what
 * happened afterwards, as far as the deployment row tells.
 */
export function outcomeAt(d: DeploymentFacts, end: Date): Outcome {
  if (d.completed_at === null || d.completed_at.getTime() > end.getTime()) return 'in_progress';
  if (d.status === 'succeeded' || d.status === 'failed' || d.status === 'rolled_back') {
    return d.status;
  }
  return 'in_progress';
}
