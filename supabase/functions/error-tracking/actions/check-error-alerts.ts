import { evaluateAlerts } from '../../../../shared/telemetry/alert-evaluation.ts';
import { defineAction } from '../../_shared/action.ts';

/** What the post-deployment script calls: evaluates the rules and lists what is firing. */
export const checkErrorAlerts = defineAction({
  name: 'check_error_alerts',
  summary: 'Evaluate every alert rule; answer the firing ones and what fired or resolved now.',
  access: 'admin',
  input: {},
  async handler(_input, { sql }) {
    return evaluateAlerts(sql);
  },
});
