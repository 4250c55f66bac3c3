import { ingestKeyHash } from '../shared/access/ingest-key.ts';
import { ALL_ENVIRONMENTS } from '../shared/access/permissions.ts';
import type { Pool } from '../shared/sql/client.ts';
import { registerIngestKey } from '../shared/sql/ingest-keys.ts';

export const LOCAL_INGEST_KEY_NAME = 'local-stack';

/**
 * The local stack's own telemetry ingest key, for every environment, registered at each start
 * (idempotent): `npm run status -- -o env` prints it in SENTRY_DSN and OTEL_EXPORTER_OTLP_HEADERS,
 * so an app instrumented with the standard SDKs sends to the local stack with no set-up.
 */
export async function registerLocalIngestKey(sql: Pool, key: string): Promise<void> {
  await registerIngestKey(sql, {
    name: LOCAL_INGEST_KEY_NAME,
    keyHash: await ingestKeyHash(key),
    scope: 'telemetry',
    environment: ALL_ENVIRONMENTS,
    createdBy: 'rollgate start',
  });
}
