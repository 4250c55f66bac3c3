import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/error-tracking.ts';
import {
  deleteAlertRule,
  insertAlertRule,
  selectAlertRules,
} from '../../../../shared/sql/alert-rules.ts';
import { defineAction } from '../../_shared/action.ts';
import { returnedRow } from '../../_shared/returned-row.ts';

export const createAlertRule = defineAction(contracts.createAlertRule, async (input, { sql }) => {
  const rows = await insertAlertRule(sql, {
    ...input,
    environment: input.environment ?? null,
  }).catch((err) => {
    if (err?.code === '23505')
      throw new AppError(409, 'conflict', `an alert rule named "${input.name}" exists`);
    throw err;
  });
  return { rule: returnedRow(rows, 'insert alert rule') };
});

export const listAlertRules = defineAction(contracts.listAlertRules, async (_input, { sql }) => {
  return { rules: await selectAlertRules(sql) };
});

export const deleteAlertRuleAction = defineAction(
  contracts.deleteAlertRule,
  async ({ rule_id }, { sql }) => {
    const rows = await deleteAlertRule(sql, rule_id);
    if (rows.length === 0)
      throw new AppError(404, 'not_found', `alert rule ${rule_id} does not exist`);
    return { deleted: rule_id };
  },
);
