import { describe, expect, it } from 'vitest';
import { requestDueAt } from '../../shared/gdpr/deadlines.ts';
import { harnessForFile } from '../support/harness.ts';
import { functionActions } from '../support/test-api.ts';
import { userToken } from '../support/tokens.ts';

const h = harnessForFile();
const gdpr = functionActions(h, 'gdpr-compliance');

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

describe('submit_request', () => {
  it('answers the request id and a deadline one calendar month after receipt, end of day', async () => {
    const reply = await gdpr('submit_request', {
      type: 'access',
      subject_id: 'subject-jan',
      received_at: '2025-01-31T10:00:00Z',
    });
    expect(reply.status).toBe(200);
    expect(reply.body.result.request_id).toMatch(/^[0-9a-f-]{36}$/);
    // 31 January + one month = the last day of February (Regulation 1182/71).
    expect(reply.body.result.due_at).toBe('2025-02-28T23:59:59.999Z');
  });

  it('refuses a receipt in the future and an unknown type, writing nothing', async () => {
    const future = await gdpr('submit_request', {
      type: 'access',
      subject_id: 'x',
      received_at: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect([future.status, future.body.error.code]).toEqual([422, 'received_in_future']);
    const badType = await gdpr('submit_request', { type: 'deletion', subject_id: 'x' });
    expect([badType.status, badType.body.error.code]).toEqual([400, 'validation_failed']);
    const [row] = await h.db.sql`
      select count(*)::int as n from gdpr_requests where subject_id = 'x'`;
    expect(row?.n).toBe(0);
  });

  it('is refused to anon and authenticated callers', async () => {
    const body = { action: 'submit_request', type: 'access', subject_id: 'y' };
    expect((await h.api.call('gdpr-compliance', body, { token: h.api.anonKey })).status).toBe(403);
    expect((await h.api.call('gdpr-compliance', body, { token: await userToken() })).status).toBe(
      403,
    );
  });
});

describe('list_requests', () => {
  it('flags a request overdue once its month has passed, and not a fresh one', async () => {
    const late = await gdpr('submit_request', {
      type: 'erasure',
      subject_id: 'subject-late',
      received_at: daysAgo(40),
    });
    const fresh = await gdpr('submit_request', { type: 'erasure', subject_id: 'subject-fresh' });
    const reply = await gdpr('list_requests', { type: 'erasure' });
    const byId = new Map(reply.body.result.requests.map((r: { id: string }) => [r.id, r]));
    expect(byId.get(late.body.result.request_id)).toMatchObject({
      overdue: true,
      status: 'received',
    });
    expect(byId.get(fresh.body.result.request_id)).toMatchObject({
      overdue: false,
      days_overdue: 0,
    });
    expect(reply.body.result.overdue).toBe(1);
    const onlyOverdue = await gdpr('list_requests', { overdue_only: true, type: 'erasure' });
    expect(onlyOverdue.body.result.requests.map((r: { id: string }) => r.id)).toEqual([
      late.body.result.request_id,
    ]);
  });
});

describe('lifecycle', () => {
  it('goes received → verified → in_progress, and a rejection needs and keeps its reason', async () => {
    const { request_id } = (await gdpr('submit_request', { type: 'objection', subject_id: 's1' }))
      .body.result;
    const early = await gdpr('update_request_status', { request_id, status: 'in_progress' });
    expect([early.status, early.body.error.message]).toEqual([409, 'verify the requester first']);
    expect(
      (await gdpr('update_request_status', { request_id, status: 'verified' })).body.result.request
        .status,
    ).toBe('verified');
    expect(
      (await gdpr('update_request_status', { request_id, status: 'in_progress' })).body.result
        .request.status,
    ).toBe('in_progress');
    const noReason = await gdpr('update_request_status', { request_id, status: 'rejected' });
    expect([noReason.status, noReason.body.error.code]).toEqual([400, 'validation_failed']);
    const rejected = await gdpr('update_request_status', {
      request_id,
      status: 'rejected',
      reason: 'manifestly unfounded (Art. 12(5))',
    });
    expect(rejected.body.result.request).toMatchObject({
      status: 'rejected',
      rejection_reason: 'manifestly unfounded (Art. 12(5))',
      answered_on_time: true,
    });
    const after = await gdpr('update_request_status', { request_id, status: 'verified' });
    expect([after.status, after.body.error.message]).toEqual([
      409,
      'the request is already rejected',
    ]);
  });

  it('completes an objection by hand, but never an access request', async () => {
    const objection = (await gdpr('submit_request', { type: 'objection', subject_id: 's2' })).body
      .result.request_id;
    await gdpr('update_request_status', { request_id: objection, status: 'verified' });
    const done = await gdpr('update_request_status', {
      request_id: objection,
      status: 'completed',
    });
    expect(done.body.result.request.status).toBe('completed');
    const access = (await gdpr('submit_request', { type: 'access', subject_id: 's2' })).body.result
      .request_id;
    await gdpr('update_request_status', { request_id: access, status: 'verified' });
    const refused = await gdpr('update_request_status', {
      request_id: access,
      status: 'completed',
    });
    expect([refused.status, refused.body.error.message]).toEqual([
      409,
      'access requests are completed by execute_request',
    ]);
  });
});

describe('extend_request', () => {
  it('extends by up to two months in total, with the reason, within the first month', async () => {
    const received = daysAgo(5);
    const { request_id } = (
      await gdpr('submit_request', { type: 'access', subject_id: 's3', received_at: received })
    ).body.result;
    const once = await gdpr('extend_request', {
      request_id,
      months: 1,
      reason: '40 requests this week',
    });
    expect(once.body.result.request).toMatchObject({
      status: 'extended',
      extension_months: 1,
      extension_reason: '40 requests this week',
      due_at: requestDueAt(new Date(received), 1).toISOString(),
    });
    const twice = await gdpr('extend_request', { request_id, months: 1, reason: 'complex' });
    expect(twice.body.result.request.due_at).toBe(
      requestDueAt(new Date(received), 2).toISOString(),
    );
    const thrice = await gdpr('extend_request', { request_id, months: 1, reason: 'more' });
    expect([thrice.status, thrice.body.error.code]).toEqual([422, 'extension_too_long']);
  });

  it('refuses an extension once the first month has run out', async () => {
    const { request_id } = (
      await gdpr('submit_request', { type: 'access', subject_id: 's4', received_at: daysAgo(45) })
    ).body.result;
    const reply = await gdpr('extend_request', { request_id, months: 2, reason: 'too late' });
    expect([reply.status, reply.body.error.code]).toEqual([422, 'extension_too_late']);
    const [row] = await h.db.sql`
      select status, extension_months from gdpr_requests where id = ${request_id}`;
    expect(row).toEqual({ status: 'received', extension_months: 0 });
  });
});
