import { describe, expect, it } from 'vitest';
import { harnessForFile } from '../support/harness.ts';
import { functionActions } from '../support/test-api.ts';

const h = harnessForFile();

const USER = '33333333-3333-4333-8333-333333333333';
const OTHER = '44444444-4444-4444-8444-444444444444';

const gdpr = functionActions(h, 'gdpr-compliance');

const consent = (subject_id: string, purpose: string, status: string, notice_version = 'v1') =>
  gdpr('record_consent', { subject_id, purpose, status, notice_version, source: 'signup-form' });

describe('the consent ledger', () => {
  it('gives the current state per purpose and the history behind it, a withdrawal included', async () => {
    await consent(USER, 'marketing', 'granted');
    await consent(USER, 'analytics', 'granted');
    await consent(USER, 'marketing', 'withdrawn', 'v2');
    await consent(OTHER, 'marketing', 'granted');

    const reply = await gdpr('get_consent', { subject_id: USER });
    expect(reply.status).toBe(200);
    expect(
      reply.body.result.purposes.map((p: Record<string, string>) => [
        p.purpose,
        p.status,
        p.notice_version,
      ]),
    ).toEqual([
      ['analytics', 'granted', 'v1'],
      ['marketing', 'withdrawn', 'v2'],
    ]);
    expect(
      reply.body.result.history.map((h: Record<string, unknown>) => [h.purpose, h.granted]),
    ).toEqual([
      ['marketing', true],
      ['analytics', true],
      ['marketing', false],
    ]);
    const marketing = await gdpr('get_consent', { subject_id: USER, purpose: 'marketing' });
    expect(marketing.body.result.history).toHaveLength(2);
  });

  it('refuses UPDATE, DELETE and TRUNCATE for every role, the owner included', async () => {
    await expect(h.db.sql`update gdpr_consent_events set granted = true`).rejects.toMatchObject({
      code: 'RG422',
      message: 'gdpr_consent_events is append-only: update is refused',
    });
    await expect(h.db.sql`delete from gdpr_consent_events`).rejects.toMatchObject({
      code: 'RG422',
    });
    await expect(h.db.sql`truncate gdpr_consent_events`).rejects.toMatchObject({ code: 'RG422' });
    const [row] = await h.db.sql`select count(*)::int as n from gdpr_consent_events`;
    expect(row?.n).toBe(4);
  });

  it('lets a signed-in user read their own entries only, and write none', async () => {
    const rows = await h.db.sql.begin(async (tx) => {
      await tx`select set_config('request.jwt.claims', ${JSON.stringify({ sub: USER, role: 'authenticated' })}, true)`;
      await tx`set local role authenticated`;
      return tx`select subject_id from gdpr_consent_events`;
    });
    expect(rows.map((r) => r.subject_id)).toEqual([USER, USER, USER]);
    await expect(
      h.db.sql.begin(async (tx) => {
        await tx`set local role authenticated`;
        await tx`insert into gdpr_consent_events (subject_id, purpose, granted, notice_version, source)
                 values (${USER}, 'x', true, 'v1', 'forged')`;
      }),
    ).rejects.toMatchObject({ code: '42501' });
  });

  it('refuses a status other than granted or withdrawn', async () => {
    const reply = await consent(USER, 'marketing', 'maybe');
    expect([reply.status, reply.body.error.code]).toEqual([400, 'validation_failed']);
  });
});
