import { z } from 'zod';
import { AppError } from '../../../../shared/app-error.ts';
import { isEnabledFor } from '../../../../shared/rollout/flag-bucket.ts';
import { selectFlag, selectFlags, upsertFlag } from '../../../../shared/sql/feature-flags.ts';
import { defineAction } from '../../_shared/action.ts';

const flagKey = { name: z.string().min(1).max(255), environment: z.string().min(1).max(50) };

export const setFlag = defineAction({
  name: 'set_flag',
  summary: 'Create or change a feature flag (enabled, rollout percentage, user criteria).',
  access: 'deploy',
  input: {
    ...flagKey,
    enabled: z.boolean(),
    rollout_percentage: z.number().int().min(0).max(100).default(100),
    user_criteria: z.record(z.string(), z.unknown()).nullable().default(null),
  },
  async handler(input, { sql }) {
    const [flag] = await upsertFlag(sql, input);
    return { flag };
  },
});

export const listFlags = defineAction({
  name: 'list_flags',
  summary: 'Feature flags, optionally of one environment.',
  access: 'read',
  input: { environment: z.string().min(1).max(50).optional() },
  async handler({ environment }, { sql }) {
    return { flags: await selectFlags(sql, environment) };
  },
});

/** Sticky bucketing: the same subject always lands in the same bucket of the same flag. */
export const evaluateFlag = defineAction({
  name: 'evaluate_flag',
  summary: 'Whether a flag is on for a subject (sticky percentage bucketing).',
  access: 'read',
  input: { ...flagKey, subject: z.string().min(1).max(255) },
  async handler({ name, environment, subject }, { sql }) {
    const [flag] = await selectFlag(sql, name, environment);
    if (!flag)
      throw new AppError(404, 'not_found', `flag ${name} does not exist in ${environment}`);
    const { bucket, enabled } = await isEnabledFor(flag, subject);
    return {
      name,
      environment,
      subject,
      enabled,
      bucket,
      rollout_percentage: flag.rollout_percentage,
    };
  },
});
