import { z } from 'zod';
import { AppError } from '../../../../shared/app-error.ts';
import { judgeThresholdsSchema } from '../../../../shared/judge/analysis-spec.ts';
import { loadEnvironment } from '../../../../shared/rollout/environment.ts';
import {
  insertFreeze,
  mergeEnvironmentThresholds,
  selectEnvironments,
} from '../../../../shared/sql/environments.ts';
import { defineAction } from '../../_shared/action.ts';

export const listEnvironments = defineAction({
  name: 'list_environments',
  summary: 'Environments with approval, staging, steps, thresholds, gates and change windows.',
  access: 'view',
  input: {},
  async handler(_input, { sql }) {
    return { environments: await selectEnvironments(sql) };
  },
});

export const createFreeze = defineAction({
  name: 'create_freeze',
  summary:
    'Freeze an environment for a period: starts are refused unless overridden with a reason.',
  access: 'admin',
  input: {
    environment: z.string().min(1).max(50),
    starts_at: z.iso.datetime({ offset: true }),
    ends_at: z.iso.datetime({ offset: true }),
    reason: z.string().trim().min(3).max(1000),
  },
  async handler(input, { sql }) {
    const starts = new Date(input.starts_at);
    const ends = new Date(input.ends_at);
    if (ends <= starts)
      throw new AppError(400, 'invalid_request', 'ends_at must be after starts_at');
    const [freeze] = await insertFreeze(sql, {
      environment: input.environment,
      starts_at: starts,
      ends_at: ends,
      reason: input.reason,
    });
    return { freeze };
  },
});

export const setEnvironmentAnalysis = defineAction({
  name: 'set_environment_analysis',
  summary:
    "Change an environment's default analysis settings (alpha, margins, limits, min_samples, bake_seconds); deployments record the settings they start with.",
  access: 'admin',
  input: {
    environment: z.string().min(1).max(50),
    thresholds: judgeThresholdsSchema.refine((t) => Object.keys(t).length > 0, {
      message: 'name at least one setting',
    }),
  },
  async handler(input, { sql }) {
    const before = await loadEnvironment(sql, input.environment);
    await mergeEnvironmentThresholds(sql, before.name, input.thresholds);
    const after = await loadEnvironment(sql, before.name);
    return { environment: after.name, before: before.thresholds, thresholds: after.thresholds };
  },
});
