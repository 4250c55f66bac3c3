import { describe, expect, it } from 'vitest';
import { median } from '../../shared/dora/summary.ts';
import {
  TIER_THRESHOLDS as B,
  tierAtLeast,
  tierAtMost,
  tierBelow,
} from '../../shared/dora/tiers.ts';

describe('DORA tiers', () => {
  it.each([
    [2, 'elite'],
    [1, 'elite'],
    [0.999, 'high'],
    [1 / 7, 'high'],
    [0.14, 'medium'],
    [1 / 30, 'medium'],
    [0.033, 'low'],
    [0, 'low'],
  ])('deployment frequency %f per day is %s', (perDay, tier) => {
    expect(tierAtLeast(perDay, B.deployment_frequency_per_day)).toBe(tier);
  });

  it.each([
    [0.5, 'elite'],
    [23.99, 'elite'],
    [24, 'high'],
    [167.9, 'high'],
    [168, 'medium'],
    [729.9, 'medium'],
    [730, 'low'],
  ])('lead time %f h is %s', (hours, tier) => {
    expect(tierBelow(hours, B.lead_time_hours)).toBe(tier);
  });

  it.each([
    [0, 'elite'],
    [15, 'elite'],
    [15.01, 'high'],
    [30, 'high'],
    [45, 'medium'],
    [45.01, 'low'],
    [100, 'low'],
  ])('change failure rate %f %% is %s', (percent, tier) => {
    expect(tierAtMost(percent, B.change_failure_rate_percent)).toBe(tier);
  });

  it.each([
    [9, 'elite'],
    [59.9, 'elite'],
    [60, 'high'],
    [1439, 'high'],
    [1440, 'medium'],
    [10_079, 'medium'],
    [10_080, 'low'],
  ])('recovery time %f min is %s', (minutes, tier) => {
    expect(tierBelow(minutes, B.recovery_minutes)).toBe(tier);
  });

  it('takes the median of an odd count, the middle pair’s mean of an even one, and 0 of none', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([24, 1, 5, 2.5])).toBe(3.75);
    expect(median([])).toBe(0);
  });
});
