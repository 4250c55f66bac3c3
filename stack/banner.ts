import { sdkEnvironment } from '../shared/telemetry/sdk-environment.ts';
import type { StackKeys } from './keys.ts';

export interface StackEndpoints {
  apiUrl: string;
  dbUrl: string;
  keys: StackKeys;
}

/** `KEY=value` lines, as `supabase status -o env` prints them, for `eval` or a .env file. */
export function formatEnv(e: StackEndpoints): string {
  return [
    `API_URL=${e.apiUrl}`,
    `FUNCTIONS_URL=${e.apiUrl}/functions/v1`,
    `DB_URL=${e.dbUrl}`,
    `PUBLISHABLE_KEY=${e.keys.publishableKey}`,
    `SECRET_KEY=${e.keys.secretKey}`,
    `JWKS='${JSON.stringify(e.keys.jwks)}'`,
    `JWT_SECRET=${e.keys.jwtSecret}`,
    `ANON_KEY=${e.keys.anonKey}`,
    `SERVICE_ROLE_KEY=${e.keys.serviceRoleKey}`,
    ...sdkLines(e).map(([name, value]) => `${name}=${value}`),
  ].join('\n');
}

export function formatPretty(e: StackEndpoints): string {
  const rows: Array<[string, string]> = [
    ['API URL', e.apiUrl],
    ['Functions URL', `${e.apiUrl}/functions/v1`],
    ['DB URL', e.dbUrl],
    ['Publishable key', e.keys.publishableKey],
    ['Secret key', e.keys.secretKey],
    ['JWT secret', `${e.keys.jwtSecret} (legacy)`],
    ['anon key', `${e.keys.anonKey} (legacy)`],
    ['service_role key', `${e.keys.serviceRoleKey} (legacy)`],
    ...prettySdkRows(e),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padStart(width)}: ${v}`).join('\n');
}

/** The SDKs' settings for the stack's own telemetry ingest key (none in a data dir made before it). */
function sdkLines(e: StackEndpoints): Array<[string, string]> {
  return e.keys.ingestKey ? sdkEnvironment(`${e.apiUrl}/functions/v1`, e.keys.ingestKey) : [];
}

function prettySdkRows(e: StackEndpoints): Array<[string, string]> {
  const sdk = Object.fromEntries(sdkLines(e));
  if (!e.keys.ingestKey) return [];
  return [
    ['Ingest key', `${e.keys.ingestKey} (telemetry)`],
    ['Sentry DSN', sdk.SENTRY_DSN as string],
    ['OTLP endpoint', sdk.OTEL_EXPORTER_OTLP_ENDPOINT as string],
  ];
}
