import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Orchestrator, setUp } from '../support/harness.ts';
import { GOOD_GATES, startedCanary, uniqueVersion } from '../support/orchestrator.ts';
import type { TestApi } from '../support/test-api.ts';
import type { TestDatabase } from '../support/test-database.ts';
import { approverToken } from '../support/tokens.ts';

let db: TestDatabase;
let api: TestApi;
let o: Orchestrator;

beforeAll(async () => {
  ({ db, api, o } = await setUp());
});

const section = async () => {
  const reply = await api.call('gdpr-compliance', {
    action: 'compliance_report',
    report_type: 'deployment',
  });
  expect(reply.status).toBe(200);
  return reply.body.result.sections.find((s: { id: string }) => s.id === 'deployments');
};

describe('compliance_report’s deployment controls', () => {
  it('counts approved and staged-first production deployments and flags the rest', async () => {
    const canary = await startedCanary(o);
    await o.call('promote', { deployment_id: canary.id, full: true });
    const hotfix = await o.call('start_deployment', {
      environment: 'production',
      version: uniqueVersion('hot'),
      actor: 'alice',
      gates: GOOD_GATES,
      hotfix: { reason: 'payment outage' },
    });
    await o.call(
      'approve',
      { deployment_id: hotfix.body.result.deployment_id },
      { token: await approverToken() },
    );
    await o.call('promote', { deployment_id: hotfix.body.result.deployment_id, full: true });
    await api.call('production-monitoring', {
      action: 'log_deployment',
      deployment: { deployment_id: 'legacy-1', environment: 'production', status: 'success' },
    });

    const s = await section();
    expect(s.figures).toMatchObject({
      production_deployments: 3,
      approved: 2,
      staged_first: 1,
      hotfixes: 1,
      audit_chain_intact: true,
    });
    expect(s.findings.map((f: { id: string; severity: string }) => [f.id, f.severity])).toEqual([
      ['deployments.unapproved', 'high'],
      ['deployments.not_staged_first', 'high'],
      ['deployments.hotfixes', 'low'],
    ]);
    expect(s.findings[0].evidence.deployments).toEqual([
      { deployment_id: 'legacy-1', strategy: 'external', deployed_by: 'service_role' },
    ]);
  });

  it('reports a tampered audit log as a critical finding', async () => {
    const owner = postgres(db.url, { max: 1, onnotice: () => {} });
    await owner.begin(async (tx) => {
      await tx`alter table deployment_audit disable trigger deployment_audit_append_only`;
      await tx`update deployment_audit set deployed_by = 'mallory' where id = (select min(id) from deployment_audit)`;
      await tx`alter table deployment_audit enable trigger deployment_audit_append_only`;
    });
    await owner.end();
    const s = await section();
    expect(s.figures.audit_chain_intact).toBe(false);
    expect(s.findings[0]).toMatchObject({
      id: 'deployments.audit_chain_broken',
      severity: 'critical',
    });
  });
});
