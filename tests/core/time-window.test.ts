import { describe, expect, it } from 'vitest';
import { planWindow, previousWindow, windowSeconds } from '../../shared/telemetry/time-window.ts';

describe('time windows', () => {
  it('accepts 1m to 30d in minutes, hours or days', () => {
    expect(windowSeconds('1m')).toBe(60);
    expect(windowSeconds('5m')).toBe(300);
    expect(windowSeconds('24h')).toBe(86_400);
    expect(windowSeconds('30d')).toBe(2_592_000);
  });

  it.each(['0m', '31d', '721h', '5', 'm', '5s', '1w', ' 5m', '5M', '-5m', '1.5h', ''])(
    'refuses %j',
    (text) => {
      expect(windowSeconds(text)).toBeNull();
    },
  );

  it('covers whole minute buckets ending with the one holding as_of', () => {
    const plan = planWindow(300, new Date('2026-11-25T12:03:20Z'));
    expect(plan).toEqual({
      resolution: 'minute',
      from: new Date('2026-11-25T11:59:00Z'),
      to: new Date('2026-11-25T12:04:00Z'),
      seconds: 300,
    });
    expect(previousWindow(plan).from).toEqual(new Date('2026-11-25T11:54:00Z'));
    expect(previousWindow(plan).to).toEqual(new Date('2026-11-25T11:59:00Z'));
  });

  it('reads hour buckets for windows longer than six hours', () => {
    const plan = planWindow(86_400, new Date('2026-11-25T12:03:20Z'));
    expect(plan.resolution).toBe('hour');
    expect(plan.from).toEqual(new Date('2026-11-24T13:00:00Z'));
    expect(plan.to).toEqual(new Date('2026-11-25T13:00:00Z'));
  });
});
