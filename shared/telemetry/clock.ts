import { AppError } from '../app-error.ts';

export interface AcceptedRange {
  maxAgeSeconds: number;
  maxSkewSeconds: number;
}

/**
 * Telemetry is refused, not silently stored, when its timestamp lies outside what the raw store
 * keeps (older than the raw retention) or ahead of the server by more than the allowed skew.
 * `field` names the list, so the caller sees e.g. "requests[3].timestamp".
 */
export function resolveTimestamps(
  items: ReadonlyArray<{ timestamp?: string | undefined }>,
  now: Date,
  range: AcceptedRange,
  field: string,
): Date[] {
  const oldest = now.getTime() - range.maxAgeSeconds * 1000;
  const newest = now.getTime() + range.maxSkewSeconds * 1000;
  return items.map((item, index) => {
    if (item.timestamp === undefined) return now;
    const at = new Date(item.timestamp);
    if (at.getTime() < oldest || at.getTime() > newest) {
      const why =
        at.getTime() < oldest ? `older than ${range.maxAgeSeconds / 86_400} days` : 'in the future';
      throw new AppError(400, 'timestamp_out_of_range', `${field}[${index}].timestamp is ${why}`, {
        details: {
          index,
          timestamp: item.timestamp,
          accepted_from: new Date(oldest).toISOString(),
          accepted_to: new Date(newest).toISOString(),
        },
      });
    }
    return at;
  });
}
