import type { Sql } from './client.ts';

export async function lockIdempotencyKey(tx: Sql, scope: string, key: string) {
  await tx`select pg_advisory_xact_lock(hashtext(${`rollgate.idempotency.${scope}.${key}`}))`;
  const [row] = await tx<{ request_hash: string; status: number; response: unknown }[]>`
    select request_hash, status, response from public.idempotency_keys where scope = ${scope} and key = ${key}`;
  return row ?? null;
}

export function insertIdempotencyKey(
  tx: Sql,
  r: { scope: string; key: string; request_hash: string; status: number; response: unknown },
) {
  return tx`
    insert into public.idempotency_keys (scope, key, request_hash, status, response)
    values (${r.scope}, ${r.key}, ${r.request_hash}, ${r.status}, ${tx.json(r.response as never)})`;
}
