/** The parts of the API's answers the dashboard reads. */
export interface Deployment {
  deployment_id: string;
  environment: string;
  service: string;
  version: string;
  strategy: string;
  status: string;
  current_step: number;
  total_steps: number;
  weight: number;
  steps: Array<{ weight: number; pause_seconds: number }>;
  started_at: string;
  completed_at: string | null;
  rollback_reason: string | null;
  error_message: string | null;
}

export interface Analysis {
  id: number;
  step: number;
  weight: number;
  verdict: string;
  trigger: string;
  reasons: string[];
  decided_at: string;
}

export interface DeploymentStatus extends Deployment {
  analyses: Analysis[];
}

export const ACTIVE = ['pending_approval', 'progressing', 'paused'];
