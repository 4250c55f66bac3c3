/**
 * What the sequential judge is told by the environment (its `thresholds`) or the deployment's
 * analysis spec. Percentages are in percent (5 = 5 %), as the procedure documents write them.
 */
export interface JudgeSettings {
  /** Bound on the probability that a canary meeting every null below is ever rolled back. */
  alpha: number;
  /** Absolute error-rate limit, percent: the seed's "error rate > 5 % rolls back". */
  max_error_rate: number;
  /** How many points worse than stable the canary's error rate may be and still ship. */
  error_rate_margin: number;
  /** Absolute latency limit: p95 above it (more than 5 % of requests slower) rolls back. */
  max_p95_ms: number;
  /**
   * How many points more of the canary's requests than of the stable's may be slower than the
   * stable median before it counts as a latency regression (5 ≈ a 1.1× slowdown of a log-normal
   * σ = 1; a 1.5× one moves about 16 points).
   */
  latency_margin: number;
  /** Points of requests with a critical or fatal error event the canary may add over stable. */
  critical_margin: number;
  /** Fewer canary requests than this never pass a step (a failure can still be proven). */
  min_samples: number;
  /** Health score (0–100) the canary's traffic must keep. */
  min_health_score: number;
  /**
   * Consecutive failed probes of one of the environment's monitoring targets that fail a rollout
   * (the seed's "three consecutive failed health checks"); the environment's value also opens the
   * incident (monitoring/run-monitoring.ts).
   */
  max_failed_health_checks: number;
}
