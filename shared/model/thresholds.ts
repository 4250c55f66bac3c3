import type { JudgeSettings } from './judge-settings.ts';

/**
 * An environment's analysis settings: the sequential judge's (judge-settings.ts) plus the ones the
 * rest of the rollout reads. `max_latency_ratio` and `confidence_z` are kept for the health score
 * and older environments' rows; the judge no longer uses a fixed z.
 */
export interface Thresholds extends JudgeSettings {
  max_latency_ratio: number;
  confidence_z: number;
  /** How long the judge keeps watching after 100 % (the runbook's post-deployment monitoring). */
  bake_seconds: number;
}
