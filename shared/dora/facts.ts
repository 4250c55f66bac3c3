/** What the statistics need of one deployment (a row of `public.deployments` plus one join). */
export interface DeploymentFacts {
  deployment_id: string;
  status: string;
  strategy: 'canary' | 'direct' | 'external';
  started_at: Date;
  completed_at: Date | null;
  commit_time: Date | null;
  /**
   * For a failed or rolled-back deployment: when the next successful deployment in the same
   * environment completed after it (no later than the window's end), else null.
   */
  recovered_at: Date | null;
}

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
