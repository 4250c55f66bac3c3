import * as contracts from '../../../../shared/contracts/production-monitoring.ts';
import { runMonitoring } from '../../../../shared/monitoring/run-monitoring.ts';
import { loadEnvironment } from '../../../../shared/rollout/environment.ts';
import { selectOpenIncidents, upsertTarget } from '../../../../shared/sql/monitoring.ts';
import { defineAction } from '../../_shared/action.ts';
import { returnedRow } from '../../_shared/returned-row.ts';

/** What the scheduler calls every minute. */
export const runMonitoringAction = defineAction(
  contracts.runMonitoring,
  async (_input, { sql, env }) => {
    return runMonitoring(sql, env('SUPABASE_URL'));
  },
);

export const configureMonitoringTarget = defineAction(
  contracts.configureMonitoringTarget,
  async (input, { sql }) => {
    if (input.environment) await loadEnvironment(sql, input.environment);
    return { target: returnedRow(await upsertTarget(sql, input), 'upsert monitoring target') };
  },
);

export const listIncidents = defineAction(contracts.listIncidents, async (_input, { sql }) => {
  return { incidents: await selectOpenIncidents(sql) };
});
