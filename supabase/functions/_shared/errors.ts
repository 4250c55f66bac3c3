import { AppError } from '../../../shared/app-error.ts';
import { CONNECTION_ERROR_CODES, isUnavailable, SQLSTATE_STATUS } from './sqlstate.ts';

/**
 * Turns anything thrown into the AppError the caller will see. Driver messages of unexpected
 * errors stay in the log: only AppErrors and mapped SQLSTATEs expose their message.
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (CONNECTION_ERROR_CODES.has(code) || isUnavailable(code)) {
      return new AppError(
        503,
        'database_unavailable',
        'the database is not reachable; retry shortly',
        {
          cause: err,
        },
      );
    }
    const mapped = SQLSTATE_STATUS[code];
    if (mapped) {
      const pg = err as { message?: string; detail?: string; hint?: string };
      return new AppError(mapped.status, mapped.code, pg.message ?? mapped.code, {
        cause: err,
        details: pg.detail ? safeJson(pg.detail) : undefined,
      });
    }
  }
  return new AppError(500, 'internal_error', 'an unexpected error occurred; it has been logged', {
    cause: err,
  });
}

/** Rule violations raised in SQL may put a JSON object in DETAIL (e.g. the current state). */
function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
