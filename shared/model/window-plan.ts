/**
 * Which rollup rows a window reads (telemetry/time-window.ts planWindow). Rollups are per minute
 * and per hour; a window of up to six hours reads minute rows, a longer one hour rows. The window
 * ends with the bucket holding `asOf` and covers whole buckets: "5m" at 12:03:20 is the buckets
 * 11:59 … 12:03.
 */
export interface WindowPlan {
  resolution: 'minute' | 'hour';
  from: Date;
  to: Date;
  seconds: number;
}
