import * as contracts from '../../../../shared/contracts/production-monitoring.ts';
import { canaryJudgeHook } from '../../../../shared/rollout/telemetry-judge.ts';
import { ingestRequests } from '../../../../shared/telemetry/ingest-requests.ts';
import { defineAction } from '../../_shared/action.ts';

/** Request samples are the denominator of every rate: record them in batches. */
export const recordRequests = defineAction(
  contracts.recordRequests,
  async ({ requests }, { sql }) => {
    // The canary judge runs inside the ingest transaction: a breach rolls back as it commits.
    return ingestRequests(sql, requests, { hooks: [canaryJudgeHook] });
  },
);
