import type { Sql } from '../../sql/client.ts';
import { selectTelemetrySettings } from '../../sql/telemetry-settings.ts';
import { rangeOf } from '../ingest-requests.ts';
import type { AcceptedTimes } from './span-mapping.ts';

/**
 * The telemetry settings and the times they accept: the raw store's retention back, the allowed
 * clock skew ahead. Outside them a span or data point is rejected alone (partial_success), not
 * the whole batch as `resolveTimestamps` would.
 */
export async function acceptedTimes(sql: Sql, now: Date) {
  const settings = await selectTelemetrySettings(sql);
  const range = rangeOf(settings);
  const accepted: AcceptedTimes = {
    fromMs: now.getTime() - range.maxAgeSeconds * 1000,
    toMs: now.getTime() + range.maxSkewSeconds * 1000,
  };
  return { settings, accepted };
}
