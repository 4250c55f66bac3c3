import { beforeAll, describe, expect, it } from 'vitest';
import { harnessForFile } from '../support/harness.ts';
import { functionActions } from '../support/test-api.ts';
import { ALICE, BOB, installApp, verifiedRequest } from './fixtures.ts';

const h = harnessForFile();
const gdpr = functionActions(h, 'gdpr-compliance');

const SECTIONS = ['requests', 'consent', 'retention', 'breaches', 'rls'];

beforeAll(async () => {
  await installApp(h);
  // What the report must find: an overdue request, one answered on time, a breach past 72 hours,
  // a withdrawn consent and a grant under an old notice, and a personal-data table without RLS.
  await gdpr('submit_request', {
    type: 'access',
    subject_id: BOB,
    received_at: '2025-01-31T10:00:00Z',
  });
  await gdpr('execute_request', { request_id: await verifiedRequest(h.api, 'access', ALICE) });
  await gdpr('report_breach', {
    aware_at: new Date(Date.now() - 100 * 3_600_000).toISOString(),
    description: 'laptop stolen',
    subjects_affected: 3,
    records_affected: 9,
    categories: ['contact'],
  });
  for (const [subject_id, status, notice_version] of [
    [ALICE, 'granted', 'v1'],
    [BOB, 'granted', 'v1'],
    [BOB, 'withdrawn', 'v2'],
  ]) {
    await gdpr('record_consent', {
      subject_id,
      purpose: 'newsletter',
      status,
      notice_version,
      source: 'app',
    });
  }
  await h.db.sql`alter table app_sessions disable row level security`;
});

describe('compliance_report', () => {
  it.each(['deployment', 'post_deployment', 'periodic'])(
    'answers the %s report the runbook requests with 200 and every section',
    async (report_type) => {
      const reply = await gdpr('compliance_report', { report_type });
      expect(reply.status).toBe(200);
      expect(reply.body.result.report_type).toBe(report_type);
      expect(reply.body.result.sections.map((s: { id: string }) => s.id)).toEqual(
        expect.arrayContaining(SECTIONS),
      );
      for (const finding of reply.body.result.findings) {
        expect(Object.keys(finding).sort()).toEqual([
          'article',
          'evidence',
          'id',
          'remediation',
          'severity',
          'title',
        ]);
      }
    },
  );

  it('finds the overdue request, the breach past 72 hours and the table without RLS', async () => {
    const { result } = (await gdpr('compliance_report', { report_type: 'post_deployment' })).body;
    const byId = new Map(result.findings.map((f: { id: string }) => [f.id, f]));
    expect(result.status).toBe('non_compliant');
    expect(byId.get('requests.overdue')).toMatchObject({
      severity: 'high',
      article: 'Art. 12(3)',
      evidence: {
        requests: [expect.objectContaining({ type: 'access', due_at: '2025-02-28T23:59:59.999Z' })],
      },
    });
    expect(byId.get('breaches.notification_overdue')).toMatchObject({
      severity: 'critical',
      article: 'Art. 33(1)',
    });
    expect(byId.get('rls.disabled.public.app_sessions')).toMatchObject({
      severity: 'high',
      evidence: { table: 'public.app_sessions', personal_data: true },
    });
    expect(byId.get('consent.outdated_notice.newsletter')).toMatchObject({
      severity: 'low',
      evidence: { subjects: 1 },
    });
  });

  it('gives the figures: requests by type and status, on-time share, consent, breaches', async () => {
    const { result } = (await gdpr('compliance_report', { report_type: 'periodic' })).body;
    const section = (id: string) =>
      result.sections.find((s: { id: string }) => s.id === id).figures;
    expect(section('requests')).toMatchObject({
      total: 2,
      by_type: { access: 2 },
      by_status: { completed: 1, received: 1 },
      answered: 1,
      answered_on_time: 1,
      on_time_share: 1,
    });
    expect(section('consent')).toMatchObject({
      subjects: 2,
      events: 3,
      granted: 1,
      withdrawn: 1,
      purposes: [
        {
          purpose: 'newsletter',
          granted: 1,
          withdrawn: 1,
          withdrawals_last_30_days: 1,
          latest_notice_version: 'v2',
          granted_on_older_notice: 1,
        },
      ],
    });
    expect(section('breaches')).toMatchObject({
      total: 1,
      awaiting_decision: 1,
      overdue: 1,
      notified: 0,
    });
    expect(section('rls').without_rls).toContain('public.app_sessions');
  });

  it('renders Markdown on request', async () => {
    const reply = await gdpr('compliance_report', {
      report_type: 'deployment',
      format: 'markdown',
    });
    const md: string = reply.body.result.markdown;
    expect(md.split('\n')[0]).toBe('# GDPR compliance report (deployment)');
    expect(md).toContain('- Status: **non_compliant**');
    expect(md).toContain('| breaches.notification_overdue | critical | Art. 33(1) |');
    expect(md).toContain('## Row level security');
  });

  it('is refused without the service role', async () => {
    const reply = await h.api.call(
      'gdpr-compliance',
      { action: 'compliance_report', report_type: 'deployment' },
      { token: h.api.anonKey },
    );
    expect(reply.status).toBe(403);
  });
});
