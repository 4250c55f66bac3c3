import type { JudgeSettings } from '../model/judge-settings.ts';

/** The judge's settings where neither the environment nor the spec names one. */
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
