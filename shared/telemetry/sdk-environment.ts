/**
 * The project id in a Rollgate DSN. Sentry SDKs require digits there; Rollgate ignores it (the
 * ingest key alone says who sends and for which environment), so every DSN may use 1.
 */
export const SENTRY_PROJECT_ID = '1';

/**
 * What an app's environment needs for the standard SDKs to send to Rollgate with an ingest key:
 * Sentry's `SENTRY_DSN` (the key as the DSN's public key, error-tracking as its host path) and
 * OpenTelemetry's `OTEL_EXPORTER_OTLP_ENDPOINT` / `OTEL_EXPORTER_OTLP_HEADERS` (production-
 * monitoring, which serves `/v1/traces` and `/v1/metrics`; the key in an `apikey` header, in
 * OTel's `name=value` list format).
 */
export function sdkEnvironment(functionsUrl: string, ingestKey: string): Array<[string, string]> {
  const base = functionsUrl.replace(/\/+$/, '');
  const dsn = new URL(`${base}/error-tracking/${SENTRY_PROJECT_ID}`);
  dsn.username = ingestKey;
  return [
    ['SENTRY_DSN', dsn.toString()],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', `${base}/production-monitoring`],
    ['OTEL_EXPORTER_OTLP_HEADERS', `apikey=${encodeURIComponent(ingestKey)}`],
  ];
}
