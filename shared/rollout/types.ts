/** A rollout's statuses, as the API and the audit log name them. */
export const STATUSES = [
  'pending_approval',
  'progressing',
  'paused',
  'succeeded',
  'rolled_back',
  'failed',
] as const;
export type Status = (typeof STATUSES)[number];
export const ACTIVE_STATUSES: readonly Status[] = ['pending_approval', 'progressing', 'paused'];

export interface Step {
  weight: number;
  pause_seconds: number;
}

export type Traffic =
  | { provider: 'none' }
  | { provider: 'feature_flag'; flag: string }
  | { provider: 'webhook'; url: string };

/** The part of a deployment the state machine decides on. */
export interface RolloutState {
  status: Status;
  current_step: number;
  current_weight: number;
  steps: Step[];
}

export interface Thresholds {
  max_error_rate: number;
  max_p95_ms: number;
  max_latency_ratio: number;
  min_health_score: number;
  max_failed_health_checks: number;
  min_samples: number;
  confidence_z: number;
}

/** The procedure documents' limits; an environment's `thresholds` override any of them. */
export const DEFAULT_THRESHOLDS: Thresholds = {
  max_error_rate: 5,
  max_p95_ms: 2000,
  max_latency_ratio: 2,
  min_health_score: 85,
  max_failed_health_checks: 3,
  min_samples: 50,
  // The judge looks at every telemetry batch, so each look must be strict: a one-sided p below
  // 1e-4 keeps a healthy canary's chance of a false rollback over dozens of looks near 0.1 %.
  confidence_z: 3.72,
};
