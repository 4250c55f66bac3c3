/**
 * GDPR time limits. Months follow Regulation (EEC, Euratom) No 1182/71 as the EDPB applies it to
 * Art. 12(3): a period of one month from receipt ends on the same date of the following month,
 * or on that month's last day when it has no such date (31 January → 28/29 February), at the
 * end of that day. Days end at midnight UTC here: one clock for every controller and report.
 */

/** Art. 12(3): one month, extendable "by two further months where necessary". */
export const RESPONSE_MONTHS = 1;
export const MAX_EXTENSION_MONTHS = 2;
/** Art. 33(1): notify the supervisory authority "not later than 72 hours after having become aware". */
export const BREACH_NOTIFICATION_HOURS = 72;

const HOUR_MS = 3600 * 1000;

/** The same date `months` later (clamped to the month's last day), same time of day, in UTC. */
export function addCalendarMonths(date: Date, months: number): Date {
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(date.getTime());
  result.setUTCFullYear(year, month, Math.min(date.getUTCDate(), lastDay));
  return result;
}

/** The last instant of that UTC day (23:59:59.999). */
export function endOfUtcDay(date: Date): Date {
  return new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 23, 59, 59, 999),
  );
}

/** When a data-subject request must be answered, given its receipt and any extension. */
export function requestDueAt(receivedAt: Date, extensionMonths = 0): Date {
  return endOfUtcDay(addCalendarMonths(receivedAt, RESPONSE_MONTHS + extensionMonths));
}

/** When the supervisory authority must have been notified of a breach. */
export function breachNotificationDueAt(awareAt: Date): Date {
  return new Date(awareAt.getTime() + BREACH_NOTIFICATION_HOURS * HOUR_MS);
}

/** Whole days past a deadline (0 when not past it). */
export function daysOverdue(dueAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - dueAt.getTime()) / (24 * HOUR_MS)));
}
