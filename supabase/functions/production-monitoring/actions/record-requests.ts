import { z } from 'zod';
import { canaryJudgeHook } from '../../../../shared/rollout/telemetry-judge.ts';
import { ingestRequests } from '../../../../shared/telemetry/ingest-requests.ts';
import { requestSampleSchema } from '../../../../shared/telemetry/schemas.ts';
import { defineAction } from '../../_shared/action.ts';

export const MAX_SAMPLES_PER_CALL = 5000;

/** Request samples are the denominator of every rate: record them in batches. */
export const recordRequests = defineAction({
  name: 'record_requests',
  summary: 'Record up to 5,000 request samples (duration, status, route, deployment, variant).',
  access: 'ingest',
  input: { requests: z.array(requestSampleSchema).min(1).max(MAX_SAMPLES_PER_CALL) },
  async handler({ requests }, { sql }) {
    // The canary judge runs inside the ingest transaction: a breach rolls back as it commits.
    return ingestRequests(sql, requests, { hooks: [canaryJudgeHook] });
  },
});
