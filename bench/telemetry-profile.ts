/** Where the time of one `record_requests` batch goes, step by step, in-process (no HTTP). */

import { recordRequests } from '../shared/contracts/production-monitoring.ts';
import type { RequestSample } from '../shared/model/request-sample.ts';
import { canaryJudgeHook } from '../shared/rollout/telemetry-judge.ts';
import type { Pool } from '../shared/sql/client.ts';
import { pickExemplars } from '../shared/telemetry/exemplars.ts';
import { ingestRequests, sampleOf } from '../shared/telemetry/ingest-requests.ts';
import { rollupRequests } from '../shared/telemetry/rollup.ts';
import type { RequestSampleInput } from '../shared/telemetry/schemas.ts';
import { median, timeMs } from './support.ts';

export async function profileIngest(sql: Pool, batches: RequestSampleInput[][]): Promise<string> {
  const each = async (fn: (batch: RequestSampleInput[], i: number) => unknown) => {
    const t: number[] = [];
    for (const [i, batch] of batches.entries()) t.push(await timeMs(async () => fn(batch, i)));
    return median(t).toFixed(1);
  };
  const bodies = batches.map((requests) => JSON.stringify({ action: 'record_requests', requests }));
  const samples = batches.map((b) => b.map((s) => sampleOf(s, new Date(s.timestamp as string))));
  const steps: Array<[string, string]> = [
    ['JSON.parse', await each((_, i) => JSON.parse(bodies[i] as string))],
    [
      'zod',
      await each((requests) =>
        recordRequests.request.parse({ action: 'record_requests', requests }),
      ),
    ],
    [
      'rollups + exemplars in JS',
      await each((_, i) => {
        rollupRequests(samples[i] as RequestSample[]);
        pickExemplars(samples[i] as RequestSample[], 5);
      }),
    ],
    [
      'ingestRequests whole (the above JS, SQL, judge, commit)',
      await each((batch) => ingestRequests(sql, batch, { hooks: [canaryJudgeHook] })),
    ],
  ];
  return steps.map(([label, ms]) => `${label} ${ms}`).join('; ');
}
