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

export const DEFAULT_JUDGE_SETTINGS: JudgeSettings = {
  alpha: 0.005,
  max_error_rate: 5,
  error_rate_margin: 0.5,
  max_p95_ms: 2000,
  latency_margin: 5,
  critical_margin: 0.5,
  min_samples: 50,
  min_health_score: 85,
  max_failed_health_checks: 3,
};

/**
 * How α is shared between the tests (a union bound: the shares sum to 1). The late-regression
 * share is spread again over every minute the deployment runs (see late-regression.ts).
 */
export const ALPHA_SHARES = {
  error_rate_vs_stable: 0.4,
  error_rate: 0.05,
  latency_vs_stable: 0.25,
  latency_limit: 0.05,
  critical_errors: 0.05,
  late_regression: 0.2,
} as const;

/**
 * With custom metrics in the spec, this share of α is theirs (split equally between them) and the
 * built-in shares above apply to the rest, so the total stays α. Without any, the built-ins keep α.
 */
export const CUSTOM_METRICS_SHARE = 0.1;
