import type { z } from 'zod';
import { AppError } from '../../../shared/app-error.ts';

/** One readable line plus every issue with its path, for a 400 the caller can act on. */
export function validationError(error: z.ZodError): AppError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const first = issues[0];
  const summary = first ? `${first.path || 'body'}: ${first.message}` : 'invalid request';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new AppError(400, 'validation_failed', summary + more, { details: { issues } });
}
