import type { z } from 'zod';
import { AppError } from '../../../shared/app-error.ts';

/** Issues listed in a 400: enough to fix a payload, never a reply larger than the request. */
export const MAX_LISTED_ISSUES = 20;

/** One readable line plus the first issues with their paths and the total, for a 400 the caller can act on. */
export function validationError(error: z.ZodError): AppError {
  const issueCount = error.issues.length;
  const issues = error.issues.slice(0, MAX_LISTED_ISSUES).map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const first = issues[0];
  const summary = first ? `${first.path || 'body'}: ${first.message}` : 'invalid request';
  const more = issueCount > 1 ? ` (and ${issueCount - 1} more)` : '';
  return new AppError(400, 'validation_failed', summary + more, {
    details: { issues, issue_count: issueCount },
  });
}
