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
