/**
 * A call the API did not answer with `ok: true`: its `code` and `message` from the error envelope,
 * or `unreachable`, `http_<status>`, `invalid_response` when no envelope came back.
 */
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
