import { DEFAULT_JUDGE_SETTINGS, type JudgeSettings } from '../judge/settings.ts';

export {
  ACTIVE_STATUSES,
  STATUSES,
  type Status,
  type Step,
  type Traffic,
} from '../contracts/deployment.ts';

import type { Status, Step } from '../contracts/deployment.ts';

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
