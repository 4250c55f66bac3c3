import type { Sql } from './client.ts';

export const RAW_SAMPLE_MODES = ['off', 'sampled', 'on'] as const;
export type RawSampleMode = (typeof RAW_SAMPLE_MODES)[number];

export interface TelemetrySettings {
  raw_retention_days: number;
  rollup_retention_days: number;
  max_clock_skew_seconds: number;
  /** Whether each request is also stored raw: never, at `raw_sample_rate`, or always. */
  raw_samples: RawSampleMode;
  raw_sample_rate: number;
  /** Slowest and failed requests kept per minute and series (0: none). */
  exemplars_per_minute: number;
}

export const DEFAULT_TELEMETRY_SETTINGS: TelemetrySettings = {
  raw_retention_days: 7,
  rollup_retention_days: 90,
  max_clock_skew_seconds: 300,
  raw_samples: 'off',
  raw_sample_rate: 0.01,
  exemplars_per_minute: 5,
};

export async function selectTelemetrySettings(sql: Sql): Promise<TelemetrySettings> {
  const [row] = await sql<TelemetrySettings[]>`
    select raw_retention_days, rollup_retention_days, max_clock_skew_seconds, raw_samples,
           raw_sample_rate, exemplars_per_minute
      from public.telemetry_settings`;
  return row ?? DEFAULT_TELEMETRY_SETTINGS;
}

/** Changes the given settings (the table's checks hold the bounds); returns all of them. */
export async function updateTelemetrySettings(
  sql: Sql,
  changes: Partial<TelemetrySettings>,
): Promise<TelemetrySettings> {
  const columns = Object.keys(changes) as Array<keyof TelemetrySettings>;
  if (columns.length > 0) await sql`update public.telemetry_settings set ${sql(changes, columns)}`;
  return selectTelemetrySettings(sql);
}
