import { z } from 'zod';
import { ingestRequests } from '../../../../shared/telemetry/ingest-requests.ts';
import { requestSampleSchema } from '../../../../shared/telemetry/schemas.ts';
import { defineAction } from '../../_shared/action.ts';

export const MAX_SAMPLES_PER_CALL = 5000;

/** Request samples are the denominator of every rate: record them in batches. */
export const recordRequests = defineAction({
  name: 'record_requests',
  summary: 'Record up to 5,000 request samples (duration, status, route, deployment, variant).',
  access: ['authenticated'],
  input: { requests: z.array(requestSampleSchema).min(1).max(MAX_SAMPLES_PER_CALL) },
  async handler({ requests }, { sql }) {
    return ingestRequests(sql, requests);
  },
});
