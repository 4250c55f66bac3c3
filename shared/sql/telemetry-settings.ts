import type { Sql } from './client.ts';

export interface TelemetrySettings {
  raw_retention_days: number;
  rollup_retention_days: number;
  max_clock_skew_seconds: number;
}

export async function selectTelemetrySettings(sql: Sql): Promise<TelemetrySettings> {
  const [row] = await sql<TelemetrySettings[]>`
    select raw_retention_days, rollup_retention_days, max_clock_skew_seconds from public.telemetry_settings`;
  return row ?? { raw_retention_days: 7, rollup_retention_days: 90, max_clock_skew_seconds: 300 };
}
