import * as contracts from '../../../../shared/contracts/production-monitoring.ts';
import { queryWindow } from '../../../../shared/telemetry/window-query.ts';
import { defineAction } from '../../_shared/action.ts';

/** `.result.avg_response_time`, `.result.requests_per_second`, … as the runbook's scripts read them. */
export const performanceMetrics = defineAction(
  contracts.performanceMetrics,
  async (input, { sql }) => {
    return queryWindow(sql, input);
  },
);
