/** Bad command-line input: usage on stderr, exit code 2, nothing sent. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** An answer from the API that is not `ok`: shown as `rollgate: <code>: <message>`, exit 1. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly code: string,
    message: string,
    readonly status: number | null = null,
    readonly details: unknown = undefined,
  ) {
    super(message);
  }
}

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
