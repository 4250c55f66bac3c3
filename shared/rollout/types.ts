import { DEFAULT_JUDGE_SETTINGS } from '../judge/settings.ts';
import type { Status } from '../model/deployment-status.ts';
import type { Step } from '../model/step.ts';
import type { Thresholds } from '../model/thresholds.ts';

/** The part of a deployment the state machine decides on. */
export interface RolloutState {
  status: Status;
  current_step: number;
  current_weight: number;
  steps: Step[];
}

/** The procedure documents' limits; an environment's `thresholds` override any of them. */
export const DEFAULT_THRESHOLDS: Thresholds = {
  ...DEFAULT_JUDGE_SETTINGS,
  max_latency_ratio: 2,
  // Used only for the health score's error-rate input (a Wilson lower bound); see evidence.ts.
  confidence_z: 3.72,
  bake_seconds: 600,
};
