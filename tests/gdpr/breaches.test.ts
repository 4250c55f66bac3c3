import { describe, expect, it } from 'vitest';
import { harnessForFile } from '../support/harness.ts';
import { functionActions } from '../support/test-api.ts';

const h = harnessForFile();
const gdpr = functionActions(h, 'gdpr-compliance');

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

const breach = (aware_at: string) =>
  gdpr('report_breach', {
    aware_at,
    description: 'backup bucket was public',
    subjects_affected: 120,
    records_affected: 480,
    categories: ['contact', 'identity'],
  });

describe('the breach register', () => {
  it('sets the notification deadline 72 hours after awareness', async () => {
    const aware = hoursAgo(1);
    const reply = await breach(aware);
    expect(reply.body.error).toBeUndefined();
    expect(reply.status).toBe(200);
    expect(reply.body.result.breach).toMatchObject({
      status: 'detected',
      notification_due_at: new Date(Date.parse(aware) + 72 * 3_600_000).toISOString(),
      overdue: false,
      subjects_affected: 120,
      categories: ['contact', 'identity'],
    });
  });

  it('flags a breach past 72 hours without a decision as overdue', async () => {
    const late = await breach(hoursAgo(80));
    const list = await gdpr('list_breaches');
    expect(list.body.result.overdue).toBe(1);
    const overdue = list.body.result.breaches.filter((b: { overdue: boolean }) => b.overdue);
    expect(overdue.map((b: { id: string }) => b.id)).toEqual([late.body.result.breach_id]);
  });

  it('needs the reasons for a late notification, and then records it as late', async () => {
    const [id] = (await gdpr('list_breaches')).body.result.breaches
      .filter((b: { overdue: boolean }) => b.overdue)
      .map((b: { id: string }) => b.id);
    const bare = await gdpr('update_breach', { breach_id: id, status: 'notified' });
    expect([bare.status, bare.body.error.code]).toEqual([422, 'delay_reason_required']);
    const told = await gdpr('update_breach', {
      breach_id: id,
      status: 'notified',
      delay_reason: 'scope unclear until forensics finished',
    });
    expect(told.body.result.breach).toMatchObject({
      status: 'notified',
      overdue: false,
      notified_on_time: false,
    });
    const reopen = await gdpr('update_breach', {
      breach_id: id,
      status: 'not_required',
      assessment: 'x',
    });
    expect([reopen.status, reopen.body.error.code]).toEqual([409, 'invalid_transition']);
  });

  it('refuses awareness in the future', async () => {
    const reply = await breach(new Date(Date.now() + 3_600_000).toISOString());
    expect([reply.status, reply.body.error.code]).toEqual([422, 'impossible_dates']);
  });
});
