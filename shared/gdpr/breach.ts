import { AppError } from '../app-error.ts';
import type { BreachStatus } from '../model/gdpr-breach.ts';
import { breachNotificationDueAt } from './deadlines.ts';

/** The moves the lifecycle allows (the statuses' comment in model/gdpr-breach.ts). */
const NEXT: Record<BreachStatus, readonly BreachStatus[]> = {
  detected: ['notified', 'not_required'],
  not_required: ['notified', 'closed'],
  notified: ['closed'],
  closed: [],
};

export function assertBreachTransition(from: BreachStatus, to: BreachStatus): void {
  if (!NEXT[from].includes(to)) {
    throw new AppError(409, 'invalid_transition', `a ${from} breach cannot become ${to}`, {
      details: { status: from, allowed: NEXT[from] },
    });
  }
}

export interface BreachTiming {
  notification_due_at: Date;
  /** Still awaiting a notification decision after 72 hours. */
  overdue: boolean;
  /** For a notified breach: whether it was within 72 hours; otherwise null. */
  notified_on_time: boolean | null;
  hours_since_awareness: number;
}

export function breachTiming(
  breach: { aware_at: Date; status: BreachStatus; notified_at: Date | null },
  now: Date,
): BreachTiming {
  const due = breachNotificationDueAt(breach.aware_at);
  return {
    notification_due_at: due,
    overdue: breach.status === 'detected' && now > due,
    notified_on_time: breach.notified_at ? breach.notified_at <= due : null,
    hours_since_awareness:
      Math.round(((now.getTime() - breach.aware_at.getTime()) / 3_600_000) * 10) / 10,
  };
}
