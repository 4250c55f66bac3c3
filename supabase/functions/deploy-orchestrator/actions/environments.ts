import { z } from 'zod';
import { AppError } from '../../../../shared/app-error.ts';
import { insertFreeze, selectEnvironments } from '../../../../shared/sql/environments.ts';
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
