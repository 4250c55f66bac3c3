import { sdkEnvironment } from '../shared/telemetry/sdk-environment.ts';
import type { StackKeys } from './keys.ts';

export interface StackEndpoints {
  apiUrl: string;
  dbUrl: string;
  keys: StackKeys;
}

/** `KEY=value` lines, as `supabase status -o env` prints them, for `eval` or a .env file. */
export function formatEnv(endpoints: StackEndpoints): string {
  return [
    `API_URL=${endpoints.apiUrl}`,
    `FUNCTIONS_URL=${endpoints.apiUrl}/functions/v1`,
    `DB_URL=${endpoints.dbUrl}`,
    `PUBLISHABLE_KEY=${endpoints.keys.publishableKey}`,
    `SECRET_KEY=${endpoints.keys.secretKey}`,
    `JWKS='${JSON.stringify(endpoints.keys.jwks)}'`,
    `JWT_SECRET=${endpoints.keys.jwtSecret}`,
    `ANON_KEY=${endpoints.keys.anonKey}`,
    `SERVICE_ROLE_KEY=${endpoints.keys.serviceRoleKey}`,
    ...sdkLines(endpoints).map(([name, value]) => `${name}=${value}`),
  ].join('\n');
}

export function formatPretty(endpoints: StackEndpoints): string {
  const rows: Array<[string, string]> = [
    ['API URL', endpoints.apiUrl],
    ['Functions URL', `${endpoints.apiUrl}/functions/v1`],
    ['OpenAPI', `${endpoints.apiUrl}/functions/v1/openapi.json`],
    ['Dashboard', `${endpoints.apiUrl}/`],
    ['DB URL', endpoints.dbUrl],
    ['Publishable key', endpoints.keys.publishableKey],
    ['Secret key', endpoints.keys.secretKey],
    ['JWT secret', `${endpoints.keys.jwtSecret} (legacy)`],
    ['anon key', `${endpoints.keys.anonKey} (legacy)`],
    ['service_role key', `${endpoints.keys.serviceRoleKey} (legacy)`],
    ...prettySdkRows(endpoints),
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padStart(width)}: ${v}`).join('\n');
}

/** The SDKs' settings for the stack's own telemetry ingest key (none in a data dir made before it). */
function sdkLines(endpoints: StackEndpoints): Array<[string, string]> {
  return endpoints.keys.ingestKey
    ? sdkEnvironment(`${endpoints.apiUrl}/functions/v1`, endpoints.keys.ingestKey)
    : [];
}

function prettySdkRows(endpoints: StackEndpoints): Array<[string, string]> {
  const sdk = Object.fromEntries(sdkLines(endpoints));
  if (!endpoints.keys.ingestKey) return [];
  return [
    ['Ingest key', `${endpoints.keys.ingestKey} (telemetry)`],
    ['Sentry DSN', sdk.SENTRY_DSN as string],
    ['OTLP endpoint', sdk.OTEL_EXPORTER_OTLP_ENDPOINT as string],
  ];
}
