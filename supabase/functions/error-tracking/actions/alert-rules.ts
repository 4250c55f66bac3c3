import { z } from 'zod';
import { AppError } from '../../../../shared/app-error.ts';
import {
  deleteAlertRule,
  insertAlertRule,
  selectAlertRules,
} from '../../../../shared/sql/alert-rules.ts';
import { ALERT_METRICS } from '../../../../shared/telemetry/alert-evaluation.ts';
import { timeWindowSchema } from '../../../../shared/telemetry/time-window.ts';
import { defineAction } from '../../_shared/action.ts';

export const createAlertRule = defineAction({
  name: 'create_alert_rule',
  summary:
    'Add a rule: a metric over a window compared with a threshold, optionally per environment.',
  access: 'admin',
  input: {
    name: z.string().trim().min(1).max(100),
    metric: z.enum(ALERT_METRICS),
    threshold: z.number().finite(),
    comparison: z.enum(['above', 'below']).default('above'),
    time_window: timeWindowSchema.default('5m'),
    environment: z.string().trim().min(1).max(50).optional(),
    severity: z.enum(['info', 'warning', 'critical']).default('warning'),
  },
  async handler(input, { sql }) {
    const [rule] = await insertAlertRule(sql, {
      ...input,
      environment: input.environment ?? null,
    }).catch((err) => {
      if (err?.code === '23505')
        throw new AppError(409, 'conflict', `an alert rule named "${input.name}" exists`);
      throw err;
    });
    return { rule };
  },
});

export const listAlertRules = defineAction({
  name: 'list_alert_rules',
  summary: 'Every alert rule with its current state.',
  access: 'view',
  input: {},
  async handler(_input, { sql }) {
    return { rules: await selectAlertRules(sql) };
  },
});

export const deleteAlertRuleAction = defineAction({
  name: 'delete_alert_rule',
  summary: 'Remove an alert rule and its history.',
  access: 'admin',
  input: { rule_id: z.number().int().positive() },
  async handler({ rule_id }, { sql }) {
    const rows = await deleteAlertRule(sql, rule_id);
    if (rows.length === 0)
      throw new AppError(404, 'not_found', `alert rule ${rule_id} does not exist`);
    return { deleted: rule_id };
  },
});
