import type { BreachRow } from '../sql/gdpr-breaches.ts';
import { breachTiming } from './breach.ts';

/** A breach as callers see it: the register entry plus where it stands against 72 hours. */
export function viewBreach(row: BreachRow, now: Date) {
  const timing = breachTiming(row, now);
  return {
    ...row,
    overdue: timing.overdue,
    notified_on_time: timing.notified_on_time,
    hours_since_awareness: timing.hours_since_awareness,
  };
}
