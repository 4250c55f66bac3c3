import * as contracts from '../../../../shared/contracts/error-tracking.ts';
import { evaluateAlerts } from '../../../../shared/telemetry/alert-evaluation.ts';
import { defineAction } from '../../_shared/action.ts';

/** What the post-deployment script calls: evaluates the rules and lists what is firing. */
export const checkErrorAlerts = defineAction(
  contracts.checkErrorAlerts,
  async (_input, { sql }) => {
    return evaluateAlerts(sql);
  },
);
