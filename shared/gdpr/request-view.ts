import type { RequestRow } from '../sql/gdpr-requests.ts';
import { daysOverdue } from './deadlines.ts';
import { isOpen } from './request-lifecycle.ts';

export interface RequestView extends RequestRow {
  /** Still open after its deadline. */
  overdue: boolean;
  days_overdue: number;
  /** For a closed request: whether it was answered by its deadline; null while open. */
  answered_on_time: boolean | null;
}

/** A request as callers see it: the stored row plus where it stands against its deadline. */
export function viewRequest(row: RequestRow, now: Date): RequestView {
  const open = isOpen(row.status);
  const answeredAt = row.completed_at ?? (open ? null : row.updated_at);
  return {
    ...row,
    overdue: open && now > row.due_at,
    days_overdue: open ? daysOverdue(row.due_at, now) : 0,
    answered_on_time: answeredAt ? answeredAt <= row.due_at : null,
  };
}
