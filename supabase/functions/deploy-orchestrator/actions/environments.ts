import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/deploy-orchestrator.ts';
import { loadEnvironment } from '../../../../shared/rollout/environment.ts';
import {
  insertFreeze,
  mergeEnvironmentThresholds,
  selectEnvironments,
} from '../../../../shared/sql/environments.ts';
import { defineAction } from '../../_shared/action.ts';
import { returnedRow } from '../../_shared/returned-row.ts';

export const listEnvironments = defineAction(
  contracts.listEnvironments,
  async (_input, { sql }) => {
    return { environments: await selectEnvironments(sql) };
  },
);

export const createFreeze = defineAction(contracts.createFreeze, async (input, { sql }) => {
  const starts = new Date(input.starts_at);
  const ends = new Date(input.ends_at);
  if (ends <= starts) throw new AppError(400, 'invalid_request', 'ends_at must be after starts_at');
  const rows = await insertFreeze(sql, {
    environment: input.environment,
    starts_at: starts,
    ends_at: ends,
    reason: input.reason,
  });
  return { freeze: returnedRow(rows, 'insert freeze') };
});

export const setEnvironmentAnalysis = defineAction(
  contracts.setEnvironmentAnalysis,
  async (input, { sql }) => {
    const before = await loadEnvironment(sql, input.environment);
    await mergeEnvironmentThresholds(sql, before.name, input.thresholds);
    const after = await loadEnvironment(sql, before.name);
    return { environment: after.name, before: before.thresholds, thresholds: after.thresholds };
  },
);
