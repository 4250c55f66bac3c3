import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { productionRollout } from '../../stack/rollout-request.ts';
import { harnessForFile } from '../support/harness.ts';
import {
  clearProduction,
  GOOD_GATES,
  startedCanary,
  uniqueVersion,
} from '../support/orchestrator.ts';
import { personToken } from '../support/tokens.ts';

const h = harnessForFile({ clearProduction: true });

const production = (version: string, extra: Record<string, unknown> = {}) =>
  h.o.call('start_deployment', {
    ...productionRollout(version, GOOD_GATES),
    ...extra,
  });

async function countAudit() {
  const [row] = await h.db.sql`select count(*)::int as n from deployment_audit`;
  return row?.n as number;
}

describe('environments carry the procedure documents’ defaults', () => {
  it('production needs approval and staging, goes 25/50/100 with 5-minute pauses and the documents’ thresholds', async () => {
    const envs = (await h.o.call('list_environments')).body.result.environments;
    const prod = envs.find((e: { name: string }) => e.name === 'production');
    expect(prod).toMatchObject({
      requires_approval: true,
      requires_staging: true,
      default_strategy: 'canary',
      default_steps: [
        { weight: 25, pause_seconds: 300 },
        { weight: 50, pause_seconds: 300 },
        { weight: 100, pause_seconds: 0 },
      ],
      thresholds: {
        max_error_rate: 5,
        max_p95_ms: 2000,
        max_latency_ratio: 2,
        min_health_score: 85,
        max_failed_health_checks: 3,
      },
      change_windows: [
        { days: [0], start: '02:00', end: '04:00', deployment_types: ['maintenance'] },
      ],
    });
    expect(
      envs
        .filter((e: { requires_approval: boolean }) => !e.requires_approval)
        .map((e: { name: string }) => e.name),
    ).toEqual(['development', 'staging']);
  });
});

describe('rules refuse with a clear 4xx and write nothing', () => {
  it('lists every failing or missing quality gate', async () => {
    const version = uniqueVersion();
    await h.o.stage(version);
    const before = await countAudit();
    const reply = await production(version, {
      gates: { code_coverage: 70, security_critical: 0, performance_p95_ms: 250 },
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('quality_gates_failed');
    expect(reply.body.error.details.failures).toEqual([
      { gate: 'code_coverage', required: '>= 80', actual: 70 },
      { gate: 'integration_pass_rate', required: '>= 100', actual: null },
      { gate: 'performance_p95_ms', required: '<= 200', actual: 250 },
      { gate: 'vulnerabilities_high', required: '<= 0', actual: null },
    ]);
    expect(await countAudit()).toBe(before);
  });

  it('needs a successful staging deployment of the same version, unless a hotfix says why', async () => {
    const version = uniqueVersion('unstaged');
    const refused = await production(version);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('staging_required');
    const hotfix = await production(version, {
      hotfix: { reason: 'CVE-2026-1234 in the auth path' },
    });
    expect(hotfix.status).toBe(200);
    expect(hotfix.body.result).toMatchObject({
      hotfix: true,
      hotfix_reason: 'CVE-2026-1234 in the auth path',
      status: 'pending_approval',
    });
  });

  it('refuses a deployment type outside its change window unless overridden with a reason', async () => {
    const now = new Date();
    const otherDay = (now.getUTCDay() + 3) % 7;
    await h.db.sql`
      update environments set change_windows = ${h.db.sql.json([{ days: [otherDay], start: '02:00', end: '04:00', deployment_types: ['maintenance'] }])} where name = 'production'`;
    try {
      const version = uniqueVersion();
      await h.o.stage(version);
      const refused = await production(version, { deployment_type: 'maintenance' });
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('outside_change_window');
      expect(refused.body.error.details.windows).toHaveLength(1);
      // Ordinary deployments are not governed by the maintenance window.
      const ordinary = await production(version);
      expect(ordinary.status).toBe(200);
      await clearProduction(h.o);
      const overridden = await production(version, {
        deployment_type: 'maintenance',
        override: { reason: 'vendor outage fix' },
      });
      expect(overridden.status).toBe(200);
      expect(overridden.body.result.override_reason).toBe('vendor outage fix');
    } finally {
      await h.db.sql`
        update environments set change_windows = ${h.db.sql.json([{ days: [0], start: '02:00', end: '04:00', deployment_types: ['maintenance'] }])} where name = 'production'`;
    }
  });

  it('refuses a start inside a freeze unless overridden', async () => {
    const version = uniqueVersion();
    await h.o.stage(version);
    const freeze = await h.o.call('create_freeze', {
      environment: 'production',
      starts_at: new Date(Date.now() - 60_000).toISOString(),
      ends_at: new Date(Date.now() + 3_600_000).toISOString(),
      reason: 'Black Friday',
    });
    expect(freeze.status).toBe(200);
    try {
      const refused = await production(version);
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('deployment_freeze');
      expect(refused.body.error.message).toContain('Black Friday');
      expect(
        (await production(version, { override: { reason: 'incident fix approved by CTO' } }))
          .status,
      ).toBe(200);
    } finally {
      await h.db.sql`delete from deployment_freezes`;
    }
  });

  it('allows one active rollout per environment and names the active one', async () => {
    const { id } = await startedCanary(h.o);
    const version = uniqueVersion();
    await h.o.stage(version);
    const second = await production(version);
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({
      code: 'active_deployment_exists',
      details: { deployment_id: id, status: 'progressing' },
    });
  });

  it('names the state it found when a transition is illegal', async () => {
    const { id } = await startedCanary(h.o);
    const approveAgain = await h.o.call(
      'approve',
      { deployment_id: id },
      { token: await personToken('carol@example.com', ['approver']) },
    );
    expect(approveAgain.status).toBe(409);
    expect(approveAgain.body.error).toMatchObject({
      code: 'illegal_transition',
      message: 'cannot approve a deployment that is progressing',
      details: { status: 'progressing' },
    });
    await h.o.call('rollback', { deployment_id: id, reason: 'changed our mind' });
    const resume = await h.o.call('resume', { deployment_id: id });
    expect(resume.status).toBe(409);
    expect(resume.body.error.details.status).toBe('rolled_back');
  });

  it('answers 404 for an unknown deployment, 422 for an unknown environment or bad steps', async () => {
    expect((await h.o.call('pause', { deployment_id: 'nope' })).status).toBe(404);
    const env = await h.o.call('start_deployment', { environment: 'moon', version: '1' });
    expect(env.status).toBe(422);
    expect(env.body.error.code).toBe('unknown_environment');
    const steps = await h.o.call('start_deployment', {
      environment: 'development',
      version: '1',
      strategy: 'canary',
      steps: [
        { weight: 50, pause_seconds: 1 },
        { weight: 30, pause_seconds: 1 },
      ],
    });
    expect(steps.status).toBe(422);
    expect(steps.body.error.code).toBe('invalid_steps');
  });

  it('needs authentication to act, and refuses anon', async () => {
    expect(
      (
        await h.o.call(
          'start_deployment',
          { environment: 'development', version: '1' },
          { token: null },
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await h.o.call(
          'start_deployment',
          { environment: 'development', version: '1' },
          { token: h.api.anonKey },
        )
      ).status,
    ).toBe(403);
  });
});

describe('operator commands', () => {
  it('pause holds, resume continues, promote full goes to 100 %', async () => {
    const { id } = await startedCanary(h.o);
    expect((await h.o.call('pause', { deployment_id: id })).body.result).toMatchObject({
      status: 'paused',
      weight: 25,
    });
    expect((await h.o.call('resume', { deployment_id: id })).body.result).toMatchObject({
      status: 'progressing',
      weight: 25,
    });
    expect((await h.o.call('promote', { deployment_id: id })).body.result).toMatchObject({
      status: 'progressing',
      current_step: 1,
      weight: 50,
    });
    expect(
      (await h.o.call('promote', { deployment_id: id, full: true })).body.result,
    ).toMatchObject({
      status: 'succeeded',
      weight: 100,
    });
  });

  it('rolls back after success to the previous stable version, and a new deployment may follow', async () => {
    const first = await startedCanary(h.o);
    await h.o.call('promote', { deployment_id: first.id, full: true });
    const second = await startedCanary(h.o);
    await h.o.call('promote', { deployment_id: second.id, full: true });
    const rolledBack = await h.o.call('rollback', {
      deployment_id: second.id,
      reason: 'customer reports of broken checkout',
    });
    expect(rolledBack.body.result).toMatchObject({
      status: 'rolled_back',
      weight: 0,
      rollback_target: first.version,
      rollback_reason: 'customer reports of broken checkout',
    });
    const events = (await h.o.status(second.id))?.events as Array<{
      event: string;
      details: Record<string, unknown>;
    }>;
    expect(events.at(-1)?.details).toMatchObject({
      rollback_target: first.version,
      actor: 'service_role',
    });
    const retry = await production(second.version);
    expect(retry.status).toBe(200);
  });

  it('makes a retried start with the same Idempotency-Key safe', async () => {
    const version = uniqueVersion();
    await h.o.stage(version);
    const headers = { 'idempotency-key': `start-${version}` };
    const body = { environment: 'production', version, actor: 'alice', gates: GOOD_GATES };
    const first = await h.o.call('start_deployment', body, { headers });
    const again = await h.o.call('start_deployment', body, { headers });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body.result.deployment_id).toBe(first.body.result.deployment_id);
    const [row] = await h.db.sql`
      select count(*)::int as n from deployments where version = ${version} and environment = 'production'`;
    expect(row?.n).toBe(1);
    const other = await h.o.call('start_deployment', { ...body, version: 'other' }, { headers });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
  });
});

describe('the database gate', () => {
  it('refuses a production start while one session blocks another, unless overridden', async () => {
    const version = uniqueVersion();
    await h.o.stage(version);
    await h.db.sql`create table if not exists gate_probe (id int)`;
    const holder = postgres(h.db.url, { max: 1, onnotice: () => {} });
    const waiter = postgres(h.db.url, { max: 1, onnotice: () => {} });
    let release: () => void = () => {};
    const held = holder.begin(async (tx) => {
      await tx`lock table gate_probe in access exclusive mode`;
      await new Promise<void>((r) => {
        release = r;
      });
    });
    await new Promise((r) => setTimeout(r, 100));
    const blocked = waiter`select count(*) from gate_probe`;
    try {
      await new Promise((r) => setTimeout(r, 300));
      const refused = await production(version);
      expect(refused.status).toBe(422);
      expect(refused.body.error.code).toBe('pre_deployment_check_failed');
      expect(refused.body.error.details.verdict).toBe('fail');
      const overridden = await production(version, {
        override: { reason: 'the lock is a known batch job' },
      });
      expect(overridden.status).toBe(200);
    } finally {
      release();
      await held;
      await blocked;
      await holder.end();
      await waiter.end();
    }
  });
});
