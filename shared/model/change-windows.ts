/** When an environment takes deployments: its weekly change windows and its freezes. */
export interface ChangeWindow {
  /** 0 = Sunday … 6 = Saturday, UTC. */
  days: number[];
  start: string;
  end: string;
  /** The deployment types this window governs; absent = every type. */
  deployment_types?: string[];
}

export interface Freeze {
  starts_at: Date;
  ends_at: Date;
  reason: string;
}
