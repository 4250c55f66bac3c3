import type { Attributes } from './model.ts';

/** What a resource says about where its telemetry belongs (OpenTelemetry semantic conventions). */
export interface ResourceLabels {
  /** `deployment.environment.name`, else the older `deployment.environment`, else the key's. */
  environment: string;
  /** `service.version`: the release, matched against the active deployment's versions. */
  release: string;
  /** `service.name`: the Rollgate service whose deployments the telemetry is evidence for. */
  service: string;
}

export function text(attributes: Attributes, key: string): string {
  const value = attributes[key];
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

export function integer(attributes: Attributes, key: string): number | undefined {
  const value = attributes[key];
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

/**
 * The labels of a resource. An environment-scoped ingest key's environment stands in when the
 * resource names none (the key already says where its sender runs); naming another environment
 * is refused by the ingest key's rules, as for `record_requests`.
 */
export function resourceLabels(resource: Attributes, keyEnvironment?: string): ResourceLabels {
  return {
    environment:
      text(resource, 'deployment.environment.name') ||
      text(resource, 'deployment.environment') ||
      (keyEnvironment ?? ''),
    release: text(resource, 'service.version'),
    service: text(resource, 'service.name'),
  };
}

/** Nanoseconds since the epoch as an ISO timestamp (millisecond precision). */
export function isoFromNanos(ns: bigint): string {
  return new Date(Number(ns / 1_000_000n)).toISOString();
}

/** `http.response.status_code`, or the pre-1.21 semantic conventions' `http.status_code`. */
export function httpStatus(attributes: Attributes): number | undefined {
  return (
    integer(attributes, 'http.response.status_code') ?? integer(attributes, 'http.status_code')
  );
}

/** At most `max` characters, or undefined when empty (the schemas' labels are non-empty). */
export function label(value: string, max: number): string | undefined {
  const trimmed = value.trim().slice(0, max);
  return trimmed || undefined;
}
