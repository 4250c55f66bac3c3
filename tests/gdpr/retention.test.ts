import { beforeAll, describe, expect, it } from 'vitest';
import { harnessForFile } from '../support/harness.ts';
import { functionActions } from '../support/test-api.ts';

const h = harnessForFile();
const gdpr = functionActions(h, 'gdpr-compliance');

beforeAll(async () => {
  await h.db.sql`
    create table app_events (id int primary key, user_id text, payload text, created_at timestamptz not null)`;
  await h.db.sql`
    create table app_invoices (id int primary key, customer text, email text, amount int, issued_on date not null)`;
  await h.db.sql`alter table app_events enable row level security`;
  await h.db.sql`alter table app_invoices enable row level security`;
  // Ages in days: events kept 30 days, invoices anonymised after 365.
  await h.db.sql`
    insert into app_events values
      (1, 'ann', 'a', now() - interval '10 days'), (2, 'ann', 'b', now() - interval '40 days'),
      (3, 'ben', 'c', now() - interval '100 days'), (4, 'held', 'd', now() - interval '100 days')`;
  await h.db.sql`
    insert into app_invoices values
      (1, 'ann', 'ann@example.com', 100, current_date - 400),
      (2, 'ben', 'ben@example.com', 200, current_date - 10)`;
  const map = await gdpr('set_data_map', {
    tables: [
      {
        table: 'app_events',
        subject_column: 'user_id',
        purpose: 'analytics',
        legal_basis: 'consent',
        columns: [{ column: 'user_id', category: 'identifier', erasure: 'delete' }],
        retention: { max_age_days: 30, action: 'delete', timestamp_column: 'created_at' },
      },
      {
        table: 'app_invoices',
        subject_column: 'customer',
        purpose: 'bookkeeping',
        legal_basis: 'legal_obligation',
        columns: [
          { column: 'customer', category: 'identifier', erasure: 'hash' },
          { column: 'email', category: 'contact', erasure: 'null' },
        ],
        retention: { max_age_days: 365, action: 'anonymise', timestamp_column: 'issued_on' },
      },
    ],
  });
  expect(map.status).toBe(200);
  await gdpr('place_legal_hold', { subject_id: 'held', reason: 'pending claim' });
});

describe('retention', () => {
  it('reports the rows past retention before anything runs', async () => {
    const report = await gdpr('compliance_report', { report_type: 'periodic' });
    const retention = report.body.result.sections.find((s: { id: string }) => s.id === 'retention');
    expect(retention.figures.rows_past_retention).toBe(3);
    expect(retention.figures.last_purge).toBeNull();
    expect(retention.findings.map((f: { id: string }) => f.id)).toEqual([
      'retention.rows_past_retention',
      'retention.purge_not_running',
    ]);
  });

  it('removes old rows, anonymises old invoices, keeps held subjects, and says how many', async () => {
    const reply = await gdpr('run_retention');
    expect(reply.status).toBe(200);
    expect(reply.body.result).toMatchObject({
      rows_removed: 2,
      rows_anonymised: 1,
      tables: [
        { table: 'public.app_events', action: 'delete', rows: 2 },
        { table: 'public.app_invoices', action: 'anonymise', rows: 1 },
      ],
    });
    const events = await h.db.sql`select id from app_events order by id`;
    expect(events.map((e) => e.id)).toEqual([1, 4]);
    const invoices = await h.db.sql`
      select id, customer, email, amount from app_invoices order by id`;
    expect(invoices[0]).toMatchObject({ id: 1, email: null, amount: 100 });
    expect(invoices[0]?.customer).toMatch(/^erased:[0-9a-f]{64}$/);
    expect(invoices[1]).toEqual({ id: 2, customer: 'ben', email: 'ben@example.com', amount: 200 });
  });

  it('finds nothing more to do on the scheduler’s next call, and the report shows the purge', async () => {
    const [run] = await h.db.sql`select public.gdpr_run_retention() as id`;
    const [row] = await h.db.sql`
      select rows_affected::int, triggered_by from gdpr_retention_runs where id = ${run?.id}`;
    expect(row).toEqual({ rows_affected: 0, triggered_by: 'scheduler' });
    const report = await gdpr('compliance_report', { report_type: 'periodic' });
    const retention = report.body.result.sections.find((s: { id: string }) => s.id === 'retention');
    expect(retention.figures.rows_past_retention).toBe(0);
    expect(retention.figures.last_purge).toMatchObject({
      rows_affected: 0,
      triggered_by: 'scheduler',
    });
    expect(retention.findings).toEqual([]);
  });
});

describe('a data map the schema has moved away from', () => {
  it('makes retention refuse with 422, and the report say so with 200', async () => {
    await h.db.sql`alter table app_invoices rename column email to contact_email`;
    const run = await gdpr('run_retention');
    expect([run.status, run.body.error.code]).toEqual([422, 'rule_violation']);
    expect(run.body.error.message).toBe(
      'the data map names columns that no longer exist: public.app_invoices.email',
    );
    const report = await gdpr('compliance_report', { report_type: 'post_deployment' });
    expect(report.status).toBe(200);
    const finding = report.body.result.findings.find(
      (f: { id: string }) => f.id === 'retention.data_map_stale',
    );
    expect(finding).toMatchObject({
      severity: 'high',
      evidence: { missing: ['public.app_invoices.email'] },
    });
  });
});
