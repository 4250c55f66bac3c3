import { z } from 'zod';
import type { WindowPlan } from '../model/window-plan.ts';

/** Windows the procedure scripts use (`1m`, `5m`, `10m`, `30d`, …): minutes, hours or days. */
export const MIN_WINDOW_SECONDS = 60;
export const MAX_WINDOW_SECONDS = 30 * 86_400;
const UNIT_SECONDS = { m: 60, h: 3600, d: 86_400 } as const;

export function windowSeconds(text: string): number | null {
  const match = /^([1-9]\d{0,4})([mhd])$/.exec(text);
  if (!match) return null;
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  return seconds >= MIN_WINDOW_SECONDS && seconds <= MAX_WINDOW_SECONDS ? seconds : null;
}

export const timeWindowSchema = z.string().refine((text) => windowSeconds(text) !== null, {
  message:
    'time_window must be a number with m, h or d between 1m and 30d (e.g. "5m", "1h", "30d")',
});

export function planWindow(seconds: number, asOf: Date): WindowPlan {
  const resolution = seconds <= 6 * 3600 ? 'minute' : 'hour';
  const step = resolution === 'minute' ? 60_000 : 3_600_000;
  const bucketStart = Math.floor(asOf.getTime() / step) * step;
  const buckets = Math.ceil((seconds * 1000) / step);
  return {
    resolution,
    from: new Date(bucketStart - (buckets - 1) * step),
    to: new Date(bucketStart + step),
    seconds,
  };
}

/** The window of the same length right before this one (for "change against previous"). */
export function previousWindow(plan: WindowPlan): WindowPlan {
  const span = plan.to.getTime() - plan.from.getTime();
  return { ...plan, from: new Date(plan.from.getTime() - span), to: plan.from };
}
