import { describe, expect, it } from 'vitest';
import { logThreshold, oneSampleLogE, twoSampleLogE } from '../../shared/judge/e-values.ts';
import { logBeta, logGamma } from '../../shared/judge/log-gamma.ts';
import { seeded } from './judge-fixtures.ts';

describe('log-gamma', () => {
  it('matches factorials and Γ(½)', () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(11)).toBeCloseTo(Math.log(3_628_800), 10);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 12);
  });
});

/**
 * Always valid: under the null's boundary, the share of sequences whose e-value EVER reaches 1/α
 * — looked at after every batch — stays at most α. (A fixed-z rule looked at this often would
 * exceed it several times over.)
 */
describe('always-valid e-values', () => {
  const alpha = 0.05;
  const runs = 1500;

  it('two-sample: canary at exactly stable + margin is rejected in at most α of sequences', () => {
    const r = seeded(42);
    let rejected = 0;
    for (let k = 0; k < runs; k++) {
      const c = { n: 0, x: 0 };
      const s = { n: 0, x: 0 };
      for (let look = 0; look < 60; look++) {
        for (let i = 0; i < 20; i++) {
          c.n += 1;
          if (r.next() < 0.03) c.x += 1;
        }
        for (let i = 0; i < 60; i++) {
          s.n += 1;
          if (r.next() < 0.02) s.x += 1;
        }
        if (twoSampleLogE(c, s, 0.01) >= logThreshold(alpha)) {
          rejected += 1;
          break;
        }
      }
    }
    expect(rejected / runs).toBeLessThanOrEqual(alpha);
  });

  it('one-sample: a rate exactly at the limit is rejected in at most α of sequences', () => {
    const r = seeded(7);
    let rejected = 0;
    for (let k = 0; k < runs; k++) {
      const a = { n: 0, x: 0 };
      for (let look = 0; look < 100; look++) {
        for (let i = 0; i < 10; i++) {
          a.n += 1;
          if (r.next() < 0.05) a.x += 1;
        }
        if (oneSampleLogE(a, 0.05) >= logThreshold(alpha)) {
          rejected += 1;
          break;
        }
      }
    }
    expect(rejected / runs).toBeLessThanOrEqual(alpha);
  });

  it('grows without bound against a real regression', () => {
    expect(twoSampleLogE({ n: 2000, x: 100 }, { n: 6000, x: 60 }, 0.005)).toBeGreaterThan(20);
    expect(twoSampleLogE({ n: 2000, x: 100 }, { n: 0, x: 0 }, 0.005)).toBe(0);
  });
});
