import { beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase } from '../support/test-database.ts';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi(await createTestDatabase());
});

describe('the first batches of a new day', () => {
  it('all land when they arrive at once and race to create the day’s partition', async () => {
    // A day inside retention that no sample of this fresh database has reached yet.
    const day = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        api.call('production-monitoring', {
          action: 'record_requests',
          requests: [
            { duration_ms: 10, status: 200, route: `/race/${i}`, timestamp: `${day}T12:00:00Z` },
          ],
        }),
      ),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(200));
  });
});
