import { DEFAULT_JUDGE_SETTINGS, type JudgeSettings } from '../judge/settings.ts';

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
  /** Canary requests the step must see before it may advance (sized by the pre-flight). */
  min_canary_requests?: number;
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

/**
 * An environment's analysis settings: the sequential judge's (judge/settings.ts) plus the ones the
 * rest of the rollout reads. `max_latency_ratio` and `confidence_z` are kept for the health score
 * and older environments' rows; the judge no longer uses a fixed z.
 */
export interface Thresholds extends JudgeSettings {
  max_latency_ratio: number;
  confidence_z: number;
  /** How long the judge keeps watching after 100 % (the runbook's post-deployment monitoring). */
  bake_seconds: number;
}

/** The procedure documents' limits; an environment's `thresholds` override any of them. */
export const DEFAULT_THRESHOLDS: Thresholds = {
  ...DEFAULT_JUDGE_SETTINGS,
  max_latency_ratio: 2,
  // Used only for the health score's error-rate input (a Wilson lower bound); see evidence.ts.
  confidence_z: 3.72,
  bake_seconds: 600,
};
