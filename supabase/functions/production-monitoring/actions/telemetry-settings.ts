import { z } from 'zod';
import { AppError } from '../../../../shared/app-error.ts';
import {
  RAW_SAMPLE_MODES,
  selectTelemetrySettings,
  updateTelemetrySettings,
} from '../../../../shared/sql/telemetry-settings.ts';
import { defineAction } from '../../_shared/action.ts';

export const getTelemetrySettings = defineAction({
  name: 'get_telemetry_settings',
  summary: 'Raw-sample storage, exemplars, retention and the allowed clock skew of telemetry.',
  access: 'view',
  input: {},
  async handler(_input, { sql }) {
    return { settings: await selectTelemetrySettings(sql) };
  },
});

/**
 * Window answers never depend on these: every request is counted in the rollups whatever
 * `raw_samples` says; raw rows and exemplars are for looking at single requests.
 */
export const setTelemetrySettings = defineAction({
  name: 'set_telemetry_settings',
  summary:
    'Change telemetry storage: raw_samples (off, sampled at raw_sample_rate, on), exemplars_per_minute, retention days, max clock skew.',
  access: 'admin',
  input: {
    raw_samples: z.enum(RAW_SAMPLE_MODES).optional(),
    raw_sample_rate: z.number().gt(0).max(1).optional(),
    exemplars_per_minute: z.number().int().min(0).max(20).optional(),
    raw_retention_days: z.number().int().min(1).max(90).optional(),
    rollup_retention_days: z.number().int().min(1).max(3650).optional(),
    max_clock_skew_seconds: z.number().int().min(0).max(3600).optional(),
  },
  async handler(input, { sql }) {
    const changes = Object.fromEntries(
      Object.entries(input).filter(([key, value]) => key !== 'action' && value !== undefined),
    );
    if (Object.keys(changes).length === 0)
      throw new AppError(400, 'invalid_request', 'name at least one setting to change');
    return sql.begin(async (tx) => {
      const before = await selectTelemetrySettings(tx);
      const after = await updateTelemetrySettings(tx, changes);
      return { before, settings: after };
    });
  },
});
