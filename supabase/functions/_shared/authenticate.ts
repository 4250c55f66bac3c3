import { AppError } from '../../../shared/app-error.ts';
import type { Pool } from '../../../shared/sql/client.ts';
import type { AnyAction, Caller } from './action.ts';
import type { Verifier } from './auth.ts';
import { credentialsFrom } from './credentials.ts';
import { ingestCaller } from './ingest-credential.ts';

/**
 * Who calls: an ingest key, else a key or JWT the verifier knows. A public action tolerates a
 * bad or missing credential (null); any other needs one (401).
 */
export async function authenticate(
  headers: Headers,
  action: AnyAction,
  deps: { verifier: Verifier; sql: Pool },
): Promise<Caller | null> {
  const identify = async () =>
    (await ingestCaller(credentialsFrom(headers), deps.sql)) ?? deps.verifier.identify(headers);
  if (action.access === 'public') return identify().catch(() => null);
  const caller = await identify();
  if (!caller) throw new AppError(401, 'unauthorized', 'this action needs a key or a bearer token');
  return caller;
}
