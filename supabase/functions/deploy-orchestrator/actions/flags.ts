import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/deploy-orchestrator.ts';
import { isEnabledFor } from '../../../../shared/rollout/flag-bucket.ts';
import { selectFlag, selectFlags, upsertFlag } from '../../../../shared/sql/feature-flags.ts';
import { defineAction } from '../../_shared/action.ts';
import { returnedRow } from '../../_shared/returned-row.ts';

export const setFlag = defineAction(contracts.setFlag, async (input, { sql }) => {
  return { flag: returnedRow(await upsertFlag(sql, input), 'upsert flag') };
});

export const listFlags = defineAction(contracts.listFlags, async ({ environment }, { sql }) => {
  return { flags: await selectFlags(sql, environment) };
});

/** Sticky bucketing: the same subject always lands in the same bucket of the same flag. */
export const evaluateFlag = defineAction(
  contracts.evaluateFlag,
  async ({ name, environment, subject }, { sql }) => {
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
);
