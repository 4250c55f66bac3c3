/**
 * The checks the judge runs, and what each one is: what it compares the canary with, which
 * environment setting is its limit or margin, and the defaults a spec may change per metric.
 */
export const CHECK_NAMES = [
  'error_rate',
  'error_rate_vs_stable',
  'latency_vs_stable',
  'latency_p95',
  'critical_errors',
  'late_regression',
  'health_score',
  'health_checks',
] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/** Setting keys a check's threshold may be (judge-settings.ts, thresholds.ts). */
export type ThresholdKey =
  | 'max_error_rate'
  | 'error_rate_margin'
  | 'latency_margin'
  | 'max_p95_ms'
  | 'critical_margin'
  | 'min_health_score'
  | 'max_failed_health_checks';

export interface CheckInfo {
  /** `absolute`: against a fixed limit; `relative_to_stable`: against the stable variant. */
  comparison: 'absolute' | 'relative_to_stable';
  /** The setting that is this check's limit or margin (none: it restarts the other tests). */
  threshold: ThresholdKey | null;
  unit: string;
  /** Which side of the threshold fails, by default (relative checks may change it). */
  bad_when: 'increase' | 'decrease';
  /** What the check does without data, by default (the behaviour before policies existed). */
  no_data: 'hold' | 'pass';
  /** When the check has no data. */
  no_data_means: string;
}

const BELOW_MINIMUM = 'fewer canary requests than min_samples';

export const CHECKS: Record<CheckName, CheckInfo> = {
  error_rate: {
    comparison: 'absolute',
    threshold: 'max_error_rate',
    unit: 'percent of canary requests failed',
    bad_when: 'increase',
    no_data: 'hold',
    no_data_means: BELOW_MINIMUM,
  },
  error_rate_vs_stable: {
    comparison: 'relative_to_stable',
    threshold: 'error_rate_margin',
    unit: 'percentage points over the stable error rate',
    bad_when: 'increase',
    no_data: 'hold',
    no_data_means: BELOW_MINIMUM,
  },
  latency_vs_stable: {
    comparison: 'relative_to_stable',
    threshold: 'latency_margin',
    unit: 'percentage points more requests slower than the reference median',
    bad_when: 'increase',
    no_data: 'hold',
    no_data_means: BELOW_MINIMUM,
  },
  latency_p95: {
    comparison: 'absolute',
    threshold: 'max_p95_ms',
    unit: 'ms (p95 of canary requests)',
    bad_when: 'increase',
    no_data: 'hold',
    no_data_means: BELOW_MINIMUM,
  },
  critical_errors: {
    comparison: 'relative_to_stable',
    threshold: 'critical_margin',
    unit: 'percentage points of requests with a critical or fatal event over the stable',
    bad_when: 'increase',
    no_data: 'hold',
    no_data_means: BELOW_MINIMUM,
  },
  late_regression: {
    comparison: 'relative_to_stable',
    threshold: null,
    unit: 'restarts of error_rate, error_rate_vs_stable and latency_vs_stable',
    bad_when: 'increase',
    no_data: 'hold',
    no_data_means: BELOW_MINIMUM,
  },
  health_score: {
    comparison: 'absolute',
    threshold: 'min_health_score',
    unit: 'health score, 0–100',
    bad_when: 'decrease',
    no_data: 'pass',
    no_data_means: 'not evaluated (telemetry-time judgements leave it out)',
  },
  health_checks: {
    comparison: 'absolute',
    threshold: 'max_failed_health_checks',
    unit: 'consecutive failed probes of a target of the environment',
    bad_when: 'increase',
    no_data: 'pass',
    no_data_means: 'the environment has no enabled monitoring target',
  },
};

/** The checks whose data is the canary's traffic. */
export const TRAFFIC_CHECKS: readonly string[] = CHECK_NAMES.filter(
  (n) => CHECKS[n].no_data_means === BELOW_MINIMUM,
);

export function checkInfo(name: string): CheckInfo {
  return CHECKS[name as CheckName];
}

/** A check judged on the canary's traffic: a traffic built-in or a custom metric. */
export const isTrafficCheck = (name: string) =>
  TRAFFIC_CHECKS.includes(name) || name.startsWith('custom:');
