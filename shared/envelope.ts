/** The one response shape every function answers with. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ErrorBody };

export function success<T>(result: T): Envelope<T> {
  return { ok: true, result };
}

export function failure(error: ErrorBody): Envelope<never> {
  return { ok: false, error };
}
