import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/production-monitoring.ts';
import {
  selectTelemetrySettings,
  updateTelemetrySettings,
} from '../../../../shared/sql/telemetry-settings.ts';
import { defineAction } from '../../_shared/action.ts';

export const getTelemetrySettings = defineAction(
  contracts.getTelemetrySettings,
  async (_input, { sql }) => ({ settings: await selectTelemetrySettings(sql) }),
);

/**
 * Window answers never depend on these: every request is counted in the rollups whatever
 * `raw_samples` says; raw rows and exemplars are for looking at single requests.
 */
export const setTelemetrySettings = defineAction(
  contracts.setTelemetrySettings,
  async (input, { sql }) => {
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
);
