/**
 * DORA performance tiers. The boundaries follow Google's Four Keys dashboard buckets and the
 * State of DevOps reports' performance clusters, where those agree; where the reports leave gaps
 * between clusters (e.g. "between one day and one week" next to "between one month and six
 * months"), each tier runs up to the next tier's boundary so every value gets exactly one tier.
 *
 * | key                     | elite        | high          | medium          | low        |
 * | ----------------------- | ------------ | ------------- | --------------- | ---------- |
 * | deployment frequency    | ≥ 1 per day  | ≥ 1 per week  | ≥ 1 per month   | less       |
 * | lead time for changes   | < 1 day      | < 1 week      | < 1 month (730 h) | longer   |
 * | change failure rate     | ≤ 15 %       | ≤ 30 %        | ≤ 45 %          | above      |
 * | recovery time           | < 1 hour     | < 1 day       | < 1 week        | longer     |
 */
export const TIERS = ['elite', 'high', 'medium', 'low'] as const;
export type Tier = (typeof TIERS)[number];

export const TIER_THRESHOLDS = {
  /** Successful deployments per day, at least. */
  deployment_frequency_per_day: { elite: 1, high: 1 / 7, medium: 1 / 30 },
  /** Median hours from commit to successful deployment, below. */
  lead_time_hours: { elite: 24, high: 168, medium: 730 },
  /** Percent of finished deployments that failed or were rolled back, at most. */
  change_failure_rate_percent: { elite: 15, high: 30, medium: 45 },
  /** Median minutes from a failed deployment to the next success, below. */
  recovery_minutes: { elite: 60, high: 24 * 60, medium: 7 * 24 * 60 },
} as const;

type Bounds = { elite: number; high: number; medium: number };

/** Higher is better (deployment frequency): the tier whose floor the value reaches. */
export function tierAtLeast(value: number, bounds: Bounds): Tier {
  if (value >= bounds.elite) return 'elite';
  if (value >= bounds.high) return 'high';
  if (value >= bounds.medium) return 'medium';
  return 'low';
}

/** Lower is better, with strict bounds (durations: "less than one day"). */
export function tierBelow(value: number, bounds: Bounds): Tier {
  if (value < bounds.elite) return 'elite';
  if (value < bounds.high) return 'high';
  if (value < bounds.medium) return 'medium';
  return 'low';
}

/** Lower is better, with inclusive bounds (rates: "0–15 %"). */
export function tierAtMost(value: number, bounds: Bounds): Tier {
  if (value <= bounds.elite) return 'elite';
  if (value <= bounds.high) return 'high';
  if (value <= bounds.medium) return 'medium';
  return 'low';
}
