import { describe, expect, it } from 'vitest';
import { type HealthInputs, healthScore, linear } from '../../shared/health/score.ts';

const healthy: HealthInputs = {
  databaseUp: true,
  functionProbes: { ok: 5, total: 5 },
  errorRatePercent: 0.5,
  p95Ms: 120,
  baselineP95Ms: 100,
  openCriticalIssues: 0,
  queueOverdueJobs: 0,
};

describe('health score', () => {
  it('is 100 when every component is at its best', () => {
    const { health_score, components } = healthScore(healthy);
    expect(health_score).toBe(100);
    expect(components.map((c) => [c.name, c.share])).toEqual([
      ['availability', 30],
      ['error_rate', 25],
      ['latency', 20],
      ['critical_issues', 15],
      ['queue_backlog', 10],
    ]);
  });

  it('weighs each component by its documented share', () => {
    // error rate 3 % → 50; p95 at 175 % of baseline → 50; one critical issue → 66.67.
    const { health_score, components } = healthScore({
      ...healthy,
      errorRatePercent: 3,
      p95Ms: 175,
      openCriticalIssues: 1,
    });
    expect(components.find((c) => c.name === 'error_rate')?.score).toBe(50);
    expect(components.find((c) => c.name === 'latency')?.score).toBe(50);
    expect(health_score).toBe(Math.round((30 + 12.5 + 10 + 15 * 0.6667 + 10) * 10) / 10);
  });

  it('leaves out components without evidence and rescales the rest', () => {
    const { health_score, components } = healthScore({
      ...healthy,
      errorRatePercent: null,
      p95Ms: null,
      queueOverdueJobs: null,
    });
    expect(components.filter((c) => c.score === null).map((c) => c.name)).toEqual([
      'error_rate',
      'latency',
      'queue_backlog',
    ]);
    expect(components.find((c) => c.name === 'availability')?.share).toBe(66.67);
    expect(health_score).toBe(100);
  });

  it('drops below the runbook’s rollback threshold of 85 when the database is down', () => {
    const { health_score } = healthScore({ ...healthy, databaseUp: false });
    expect(health_score).toBeLessThan(85);
  });

  it('scores latency 0 above 2000 ms whatever the baseline', () => {
    const { components } = healthScore({ ...healthy, p95Ms: 2100, baselineP95Ms: 2000 });
    expect(components.find((c) => c.name === 'latency')?.score).toBe(0);
  });

  it('interpolates linearly between good and bad', () => {
    expect(linear(1, 1, 5)).toBe(100);
    expect(linear(5, 1, 5)).toBe(0);
    expect(linear(2, 1, 5)).toBe(75);
    expect(linear(9, 1, 5)).toBe(0);
  });
});
