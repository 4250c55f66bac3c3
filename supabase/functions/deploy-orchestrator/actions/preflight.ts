import * as contracts from '../../../../shared/contracts/deploy-orchestrator.ts';
import { preflightReport } from '../../../../shared/rollout/preflight-report.ts';
import { defineAction } from '../../_shared/action.ts';

export const preflight = defineAction(contracts.preflight, async (input, { sql }) => {
  return preflightReport(sql, input);
});
