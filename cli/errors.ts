/** Bad command-line input: usage on stderr, exit code 2, nothing sent. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An answer from the API that is not `ok`: shown as `rollgate: <code>: <message>`, exit 1. */
export { ApiError } from '../shared/client/api-error.ts';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
