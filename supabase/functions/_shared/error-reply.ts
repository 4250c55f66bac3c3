import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../../../shared/app-error.ts';
import { failure } from '../../../shared/envelope.ts';

/** An AppError as the one error envelope, with its status. */
export function reply(context: Context, err: AppError) {
  const body = {
    code: err.code,
    message: err.message,
    ...(err.details === undefined ? {} : { details: err.details }),
  };
  return context.json(failure(body), err.status as ContentfulStatusCode);
}

/** What the log records of a 5xx's cause: never sent to the caller. */
export function describe(err: unknown): Record<string, unknown> {
  const cause = err instanceof AppError ? err.cause : err;
  if (cause instanceof Error)
    return { name: cause.name, message: cause.message, stack: cause.stack };
  return { value: String(cause) };
}
