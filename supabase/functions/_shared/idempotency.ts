import type postgres from 'postgres';
import { AppError } from '../../../shared/app-error.ts';
import { insertIdempotencyKey, lockIdempotencyKey } from '../../../shared/sql/idempotency.ts';
import type { ActionContext } from './action.ts';

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Runs `work` in one transaction. With an `Idempotency-Key` header, a retry with the same key and
 * body gets the first answer back without acting again; the same key with another body is a 422.
 * The key's lock is held for the whole transaction, so concurrent retries wait and then replay.
 */
export async function idempotentTransaction<T>(
  ctx: ActionContext,
  scope: string,
  input: unknown,
  work: (tx: postgres.TransactionSql) => Promise<T>,
): Promise<T> {
  const key = ctx.request.headers.get('idempotency-key');
  if (key !== null && (key.length < 1 || key.length > 200)) {
    throw new AppError(
      400,
      'invalid_idempotency_key',
      'Idempotency-Key must be 1 to 200 characters',
    );
  }
  return ctx.sql.begin(async (tx) => {
    if (key === null) return work(tx);
    const requestHash = await sha256(JSON.stringify(input));
    const previous = await lockIdempotencyKey(tx, scope, key);
    if (previous) {
      if (previous.request_hash !== requestHash) {
        throw new AppError(
          422,
          'idempotency_key_reused',
          'this Idempotency-Key was used with a different request',
        );
      }
      return previous.response as T;
    }
    const result = await work(tx);
    await insertIdempotencyKey(tx, {
      scope,
      key,
      request_hash: requestHash,
      status: 200,
      response: result,
    });
    return result;
  }) as Promise<T>;
}
