import { INGEST_KEY_PREFIX, ingestKeyHash } from '../../../shared/access/ingest-key.ts';
import { AppError } from '../../../shared/app-error.ts';
import type { Pool } from '../../../shared/sql/client.ts';
import { activeIngestKey } from '../../../shared/sql/ingest-keys.ts';
import type { Caller } from './action.ts';
import type { Credentials } from './credentials.ts';

/**
 * The caller an ingest key proves (as `apikey` or `Authorization: Bearer`), or null when the
 * request carries none. An unknown or revoked key is a 401.
 */
export async function ingestCaller(credentials: Credentials, sql: Pool): Promise<Caller | null> {
  const key = [credentials.token, credentials.apikey].find((k) => k?.startsWith(INGEST_KEY_PREFIX));
  if (!key) return null;
  const found = await activeIngestKey(sql, await ingestKeyHash(key));
  if (!found)
    throw new AppError(401, 'unauthorized', 'ingest key is not recognised or was revoked');
  return {
    role: 'anon',
    identity: `ingest:${found.name}`,
    label: `ingest key "${found.name}"`,
    subject: null,
    claims: {},
    ingest: { scope: found.scope, environment: found.environment },
  };
}
