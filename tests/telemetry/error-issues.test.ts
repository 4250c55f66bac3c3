import { beforeAll, describe, expect, it } from 'vitest';
import { uniqueEnvironment } from '../support/telemetry.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

let db: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db);
});

const track = (event: Record<string, unknown>) =>
  api.call('error-tracking', { action: 'track_error', ...event });

describe('error events grouped into issues', () => {
  it('takes the runbook’s payload and answers with the issue', async () => {
    const reply = await track({
      error_message: 'Manual rollback executed',
      component: 'deployment',
      severity: 'warning',
      metadata: { rollback_target: 'previous', reason: 'test', timestamp: '20260101_000000' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.result).toMatchObject({ new_issue: true, regression: false });
    const [row] =
      await db.sql`select metadata from error_events where issue_id = ${reply.body.result.issue_id}`;
    expect(row?.metadata).toEqual({
      rollback_target: 'previous',
      reason: 'test',
      timestamp: '20260101_000000',
    });
  });

  it('groups the same error with other values into one issue and counts its events', async () => {
    const component = uniqueEnvironment('svc');
    const a = await track({
      error_message: 'order 1001 failed after 3 retries',
      component,
      severity: 'error',
    });
    const b = await track({
      error_message: 'order 2002 failed after 5 retries',
      component,
      severity: 'error',
    });
    const other = await track({
      error_message: 'order 1001 failed after 3 retries',
      component: `${component}-x`,
      severity: 'error',
    });
    expect(b.body.result.issue_id).toBe(a.body.result.issue_id);
    expect(b.body.result.new_issue).toBe(false);
    expect(other.body.result.issue_id).not.toBe(a.body.result.issue_id);
    const list = await api.call('error-tracking', { action: 'list_issues', component });
    expect(list.body.result.issues).toHaveLength(1);
    expect(list.body.result.issues[0]).toMatchObject({
      event_count: 2,
      status: 'unresolved',
      title: 'order 1001 failed after 3 retries',
    });
  });

  it('honours a given fingerprint', async () => {
    const fingerprint = uniqueEnvironment('fp');
    const a = await track({
      error_message: 'one thing',
      component: 'a',
      severity: 'error',
      fingerprint,
    });
    const b = await track({
      error_message: 'something else entirely',
      component: 'b',
      severity: 'critical',
      fingerprint,
    });
    expect(b.body.result.issue_id).toBe(a.body.result.issue_id);
    expect(b.body.result.fingerprint).toBe(fingerprint);
  });

  it('reopens a resolved issue as a regression, once per reopening', async () => {
    const component = uniqueEnvironment('svc');
    const first = await track({ error_message: 'cache miss storm', component, severity: 'error' });
    const id = first.body.result.issue_id;
    const resolved = await api.call('error-tracking', {
      action: 'update_issue',
      issue_id: id,
      status: 'resolved',
    });
    expect(resolved.body.result.issue).toMatchObject({ status: 'resolved' });
    expect(resolved.body.result.issue.resolved_at).not.toBeNull();

    const again = await track({ error_message: 'cache miss storm', component, severity: 'error' });
    expect(again.body.result).toMatchObject({ issue_id: id, regression: true });
    const after = await track({ error_message: 'cache miss storm', component, severity: 'error' });
    expect(after.body.result.regression).toBe(false);
    const [issue] = (await api.call('error-tracking', { action: 'list_issues', component })).body
      .result.issues;
    expect(issue).toMatchObject({
      status: 'unresolved',
      regression_count: 1,
      event_count: 3,
      resolved_at: null,
    });
  });

  it('keeps an ignored issue ignored while counting its events', async () => {
    const component = uniqueEnvironment('svc');
    const first = await track({ error_message: 'noisy warning', component, severity: 'warning' });
    await api.call('error-tracking', {
      action: 'update_issue',
      issue_id: first.body.result.issue_id,
      status: 'ignored',
    });
    const again = await track({ error_message: 'noisy warning', component, severity: 'warning' });
    expect(again.body.result.regression).toBe(false);
    const [issue] = (await api.call('error-tracking', { action: 'list_issues', component })).body
      .result.issues;
    expect(issue).toMatchObject({ status: 'ignored', event_count: 2 });
  });

  it('counts error events in the error rate’s window without counting them as requests', async () => {
    const environment = uniqueEnvironment();
    const reply = await api.call('error-tracking', {
      action: 'track_errors',
      events: Array.from({ length: 3 }, (_, i) => ({
        error_message: `e${i}`,
        component: 'api',
        severity: 'error',
        environment,
      })),
    });
    expect(reply.status).toBe(200);
    expect(reply.body.result.accepted).toBe(3);
    const rate = await api.call('error-tracking', {
      action: 'get_error_rate',
      time_window: '5m',
      environment,
    });
    expect(rate.body.result).toMatchObject({
      error_events: 3,
      requests: 0,
      error_rate: 0,
      insufficient_data: true,
    });
  });

  it('rejects a batch with one bad event, naming its index, and writes nothing', async () => {
    const [before] =
      await db.sql`select (select count(*) from error_events)::int as events, (select count(*) from error_issues)::int as issues`;
    const reply = await api.call('error-tracking', {
      action: 'track_errors',
      events: [
        { error_message: 'fine', component: 'api', severity: 'error' },
        { error_message: 'bad severity', component: 'api', severity: 'apocalyptic' },
      ],
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/^events\.1\.severity: /);
    const [after] =
      await db.sql`select (select count(*) from error_events)::int as events, (select count(*) from error_issues)::int as issues`;
    expect(after).toEqual(before);
  });

  it('answers 404 for an unknown issue and 400 for an unknown status', async () => {
    expect(
      (
        await api.call('error-tracking', {
          action: 'update_issue',
          issue_id: 999_999,
          status: 'resolved',
        })
      ).status,
    ).toBe(404);
    expect(
      (await api.call('error-tracking', { action: 'update_issue', issue_id: 1, status: 'done' }))
        .status,
    ).toBe(400);
  });
});
