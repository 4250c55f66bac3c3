import { AppError } from '../../../../shared/app-error.ts';
import type { Pool } from '../../../../shared/sql/client.ts';
import type { Caller } from '../../_shared/action.ts';
import { ingestCaller } from '../../_shared/ingest-credential.ts';

/**
 * The DSN's public key as Sentry clients present it: `?sentry_key=` (what the JavaScript SDKs
 * send), the `X-Sentry-Auth: Sentry sentry_key=…, sentry_version=7` header (older SDKs, relays),
 * or — for an envelope sent through a tunnel — the `dsn` in the envelope's header.
 */
export function sentryKeyOf(request: Request, envelopeDsn?: unknown): string | null {
  const query = new URL(request.url).searchParams.get('sentry_key');
  if (query) return query;
  const auth = request.headers.get('x-sentry-auth');
  const fromHeader = auth && /(?:^|[\s,])sentry_key=([^,\s]+)/.exec(auth)?.[1];
  if (fromHeader) return fromHeader;
  if (typeof envelopeDsn === 'string') {
    try {
      return decodeURIComponent(new URL(envelopeDsn).username) || null;
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * The ingest key a DSN's public key must be (a JWT cannot be one: Sentry SDKs accept only
 * letters, digits and `_` in it). Missing, unknown or revoked: 401, before anything is written.
 */
export async function sentryCaller(sql: Pool, key: string | null): Promise<Caller> {
  const caller = key ? await ingestCaller({ token: null, apikey: key }, sql) : null;
  if (!caller)
    throw new AppError(
      401,
      'unauthorized',
      key
        ? 'the DSN’s public key is not an ingest key (rg_ingest_…)'
        : 'no DSN public key: send ?sentry_key= or X-Sentry-Auth',
    );
  return caller;
}
