import { describe, expect, it } from 'vitest';
import {
  canaryRequestsByTime,
  detectableErrorRate,
  requiredCanaryRequests,
  splitSample,
  stablePerCanary,
} from '../../shared/judge/preflight.ts';
import { DEFAULT_JUDGE_SETTINGS } from '../../shared/judge/settings.ts';

const PLAN = [
  { weight: 25, pause_seconds: 300 },
  { weight: 50, pause_seconds: 300 },
  { weight: 100, pause_seconds: 0 },
];

describe('the pre-flight sizing', () => {
  it('needs more canary requests for smaller regressions, none inside the margin', () => {
    const need = (pc: number) => requiredCanaryRequests(0.01, pc, 0.005, 0.002, 5 / 3);
    const big = need(0.1) as number;
    const small = need(0.05) as number;
    expect(big).toBeGreaterThan(50);
    expect(small).toBeGreaterThan(3 * big);
    expect(need(0.014)).toBeNull();
  });

  it('splits a sample by weight so each step lasts about as long, nothing at 100 %', () => {
    expect(splitSample(PLAN, 900)).toEqual([300, 600, 0]);
    expect(stablePerCanary(PLAN)).toBeCloseTo(1.25 / 0.75, 10);
    expect(canaryRequestsByTime(PLAN, 1)).toBe(225);
  });

  it('says what the time-only plan detects at 1 req/s', () => {
    const rate = detectableErrorRate(0.01, 225, DEFAULT_JUDGE_SETTINGS, stablePerCanary(PLAN));
    expect(rate).toBeGreaterThan(5);
    expect(rate).toBeLessThan(20);
  });
});
