import { AppError } from '../app-error.ts';
import type { RequestStatus } from '../model/gdpr-request.ts';
import { MAX_EXTENSION_MONTHS, RESPONSE_MONTHS, requestDueAt } from './deadlines.ts';
import { isOpen } from './request-lifecycle.ts';

export interface ExtendableRequest {
  status: RequestStatus;
  received_at: Date;
  due_at: Date;
  extension_months: number;
}

export interface Extension {
  extension_months: number;
  due_at: Date;
}

/**
 * Art. 12(3): the period "may be extended by two further months where necessary", and the
 * subject must be told within one month of receipt. So an extension must come before the
 * original month runs out, and all extensions together stay within two months.
 */
export function decideExtension(request: ExtendableRequest, months: number, now: Date): Extension {
  if (!isOpen(request.status)) {
    throw new AppError(409, 'invalid_transition', `the request is already ${request.status}`, {
      details: { status: request.status },
    });
  }
  const firstMonthEnds = requestDueAt(request.received_at);
  if (now > firstMonthEnds) {
    throw new AppError(
      422,
      'extension_too_late',
      `an extension must be decided within ${RESPONSE_MONTHS} month of receipt`,
      { details: { first_month_ended_at: firstMonthEnds.toISOString() } },
    );
  }
  const total = request.extension_months + months;
  if (total > MAX_EXTENSION_MONTHS) {
    throw new AppError(
      422,
      'extension_too_long',
      `extensions may total at most ${MAX_EXTENSION_MONTHS} months`,
      { details: { already_extended_months: request.extension_months, requested_months: months } },
    );
  }
  return { extension_months: total, due_at: requestDueAt(request.received_at, total) };
}
