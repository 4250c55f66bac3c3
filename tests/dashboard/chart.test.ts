import { describe, expect, it } from 'vitest';
import { type Box, linePath, niceMax } from '../../dashboard/src/chart.ts';
import { seriesEnds } from '../../dashboard/src/series.ts';

const BOX: Box = { width: 110, height: 60, left: 10, right: 0, bottom: 10 };

describe('dashboard charts (pure geometry)', () => {
  it('draws a line through the values and breaks it where a step had no traffic', () => {
    expect(linePath([0, 5, null, 10, 2.5], 10, BOX)).toBe('M10 50 L35 25 M85 0 L110 37.5');
  });

  it('puts a single point in the middle', () => {
    expect(linePath([5], 10, BOX)).toBe('M60 25');
  });

  it('gives the axis headroom at a readable number, never below the floor', () => {
    expect(niceMax([null, 6.18], 5)).toBe(10);
    expect(niceMax([105.58], 100)).toBe(200);
    expect(niceMax([null, null], 5)).toBe(10);
    expect(niceMax([0.4], 1)).toBe(2);
  });

  it('ends one step per point, the last at now', () => {
    const ends = seriesEnds('1h', new Date('2026-11-25T12:00:00Z'));
    expect(ends).toHaveLength(12);
    expect(ends[0]?.toISOString()).toBe('2026-11-25T11:05:00.000Z');
    expect(ends.at(-1)?.toISOString()).toBe('2026-11-25T12:00:00.000Z');
  });
});
