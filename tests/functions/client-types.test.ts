import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type ActionRequest,
  type ActionResult,
  createRollgateClient,
} from '../../shared/client/client.ts';
import type { Status } from '../../shared/model/deployment-status.ts';

// Checked by `tsc --noEmit` in `npm test`: each `@ts-expect-error` must meet an error, so a call
// the contracts forbid compiling would fail the check.
const client = createRollgateClient({ url: 'http://127.0.0.1:9' });
const calls = {
  typed: () => client.call('deploy-orchestrator', { action: 'get_status', deployment_id: 'dep_1' }),
  // @ts-expect-error deployment_id is a string in get_status's contract
  wrongType: () => client.call('deploy-orchestrator', { action: 'get_status', deployment_id: 1 }),
  // @ts-expect-error get_status requires deployment_id
  missing: () => client.call('deploy-orchestrator', { action: 'get_status' }),
  // @ts-expect-error deploy-orchestrator has no such action
  unknown: () => client.call('deploy-orchestrator', { action: 'no_such_action' }),
  otherFunction: () =>
    // @ts-expect-error record_requests belongs to production-monitoring
    client.call('deploy-orchestrator', { action: 'record_requests', requests: [] }),
};

describe('the client’s types come from the contracts', () => {
  it('types a call’s request and result by its function and action', () => {
    expectTypeOf<
      ActionResult<'deploy-orchestrator', 'get_status'>['status']
    >().toEqualTypeOf<Status>();
    expectTypeOf<ActionRequest<'deploy-orchestrator', 'get_status'>>().toEqualTypeOf<{
      action: 'get_status';
      deployment_id: string;
    }>();
    expectTypeOf(calls.typed).returns.resolves.toEqualTypeOf<
      ActionResult<'deploy-orchestrator', 'get_status'>
    >();
  });

  it('sends a typed call: an unreachable URL is an ApiError', async () => {
    await expect(calls.typed()).rejects.toMatchObject({ name: 'ApiError', code: 'unreachable' });
  });
});
