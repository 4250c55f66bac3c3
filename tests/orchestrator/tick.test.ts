import { beforeAll, describe, expect, it } from 'vitest';
import { orchestrator, startedCanary, traffic } from '../support/orchestrator.ts';
import { recordRequests } from '../support/telemetry.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase } from '../support/test-database.ts';

let api: TestApi;
let o: ReturnType<typeof orchestrator>;

beforeAll(async () => {
  // No worker runs here: as on hosted Supabase, only `tick` works the queues.
  api = await startTestApi(await createTestDatabase());
  o = orchestrator(api);
});

describe('tick (the serverless worker)', () => {
  it('works the due step timers with the same handlers as the stack’s workers', async () => {
    const { id } = await startedCanary(o, { pause: 1 });
    await recordRequests(api, [...traffic(id, 'canary', 100), ...traffic(id, 'stable', 300)]);
    const early = await o.call('tick');
    expect(
      early.body.result.jobs.filter((j: { queue: string }) => j.queue === 'rollout-step'),
    ).toEqual([]);
    await new Promise((r) => setTimeout(r, 1200));
    const due = await o.call('tick');
    expect(due.body.result.jobs).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ queue: 'rollout-step', outcome: 'completed' }),
      ]),
    );
    expect(await o.status(id)).toMatchObject({
      status: 'progressing',
      current_step: 1,
      weight: 50,
    });
    expect((await o.call('tick', {}, { token: api.anonKey })).status).toBe(403);
  });
});
