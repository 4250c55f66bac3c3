import type { DeploymentFacts } from '../model/deployment-facts.ts';

export type Outcome = 'succeeded' | 'failed' | 'rolled_back' | 'in_progress';

/**
 * A deployment's outcome at the window's end: one that completed after it (or has not completed)
 * was still in progress then. Statistics over a past window are thereby not changed by what
 * happened afterwards, as far as the deployment row tells.
 */
export function outcomeAt(facts: DeploymentFacts, end: Date): Outcome {
  if (facts.completed_at === null || facts.completed_at.getTime() > end.getTime())
    return 'in_progress';
  if (facts.status === 'succeeded' || facts.status === 'failed' || facts.status === 'rolled_back') {
    return facts.status;
  }
  return 'in_progress';
}
