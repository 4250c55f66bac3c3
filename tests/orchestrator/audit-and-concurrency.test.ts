import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { productionRollout } from '../../stack/rollout-request.ts';
import { harnessForFile } from '../support/harness.ts';
import { GOOD_GATES, startedCanary, uniqueVersion } from '../support/orchestrator.ts';

const h = harnessForFile({ clearProduction: true });

describe('concurrent conflicting commands', () => {
  it('leave one consistent state and an intact chain with one audit row per applied command', async () => {
    const { id } = await startedCanary(h.o);
    const [{ n: before } = { n: 0 }] = await h.db.sql<
      { n: number }[]
    >`select count(*)::int as n from deployment_audit where deployment_id = ${id}`;
    const commands = Array.from({ length: 50 }, (_, i) => {
      const kind = ['pause', 'resume', 'promote', 'rollback'][i % 4] as string;
      return h.o.call(kind, {
        deployment_id: id,
        ...(kind === 'rollback' ? { reason: `conflict ${i}` } : {}),
      });
    });
    const replies = await Promise.all(commands);
    expect(replies.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const applied = replies.filter((r) => r.status === 200).length;
    const s = await h.o.status(id);
    const [{ n: after } = { n: 0 }] = await h.db.sql<
      { n: number }[]
    >`select count(*)::int as n from deployment_audit where deployment_id = ${id}`;
    expect(after - before).toBe(applied);
    // Whatever won, the recorded sequence replays to the final state.
    const events = ((s?.events ?? []) as Array<{ status: string }>).map((e) => e.status);
    expect(events.at(-1)).toBe(s?.status);
    expect(['rolled_back', 'succeeded']).toContain(s?.status);
    expect((await h.o.call('verify_audit')).body.result.intact).toBe(true);
  });

  it('let exactly one of ten simultaneous starts in one environment through', async () => {
    // The starts wait on each other's locks, which the database gate would rightly call blocking.
    await h.db.sql`update environments set database_gate = false where name = 'production'`;
    const versions = Array.from({ length: 10 }, () => uniqueVersion());
    for (const v of versions) await h.o.stage(v);
    const replies = await Promise.all(
      versions.map((version) =>
        h.o.call('start_deployment', productionRollout(version, GOOD_GATES)),
      ),
    );
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(9);
    await h.db.sql`update environments set database_gate = true where name = 'production'`;
  });
});

describe('the audit log', () => {
  it('refuses UPDATE, DELETE and TRUNCATE for every role', async () => {
    const { id } = await startedCanary(h.o);
    for (const role of ['postgres', 'service_role', 'authenticated', 'anon']) {
      for (const statement of [
        `update deployment_audit set deployed_by = 'mallory' where deployment_id = '${id}'`,
        `delete from deployment_audit where deployment_id = '${id}'`,
        'truncate deployment_audit',
      ]) {
        const error = await h.db.sql
          .begin(async (tx) => {
            if (role !== 'postgres') await tx.unsafe(`set local role ${role}`);
            await tx.unsafe(statement);
          })
          .catch((e: { code?: string }) => e);
        expect(error, `${role}: ${statement}`).toMatchObject({
          code: expect.stringMatching(/^(RG409|42501)$/),
        });
      }
    }
  });

  it('detects tampering and names the first broken row', async () => {
    await startedCanary(h.o);
    expect((await h.o.call('verify_audit')).body.result.intact).toBe(true);
    const [victim] = await h.db.sql<
      { id: number }[]
    >`select id::float8 as id from deployment_audit order by id limit 1 offset 1`;
    // An attacker with the owner's rights switches the guard off to rewrite history.
    const owner = postgres(h.db.url, { max: 1, onnotice: () => {} });
    await owner.begin(async (tx) => {
      await tx`alter table deployment_audit disable trigger deployment_audit_append_only`;
      await tx`update deployment_audit set deployed_by = 'mallory' where id = ${victim?.id as number}`;
      await tx`alter table deployment_audit enable trigger deployment_audit_append_only`;
    });
    await owner.end();
    const result = (await h.o.call('verify_audit')).body.result;
    expect(result).toMatchObject({
      intact: false,
      first_broken_id: victim?.id,
      reason: 'row content does not match its hash',
    });
  });
});

describe('deployments made by other tools', () => {
  it('are logged with the runbook’s payload and tracked', async () => {
    const id = `ext-${Date.now()}`;
    const monitoring = (deployment: Record<string, unknown>) =>
      h.api.call('production-monitoring', { action: 'log_deployment', deployment });
    const started = await monitoring({
      deployment_id: id,
      environment: 'staging',
      status: 'started',
      timestamp: '2026-11-25 10:00:00 UTC',
      error_message: '',
    });
    expect(started.status).toBe(200);
    expect(started.body.result).toMatchObject({ deployment_id: id, status: 'progressing' });
    const done = await monitoring({
      deployment_id: id,
      environment: 'staging',
      status: 'success',
      timestamp: '2026-11-25 10:07:30 UTC',
    });
    expect(done.body.result.status).toBe('succeeded');
    const s = await h.o.status(id);
    expect(s).toMatchObject({
      strategy: 'external',
      status: 'succeeded',
      started_at: '2026-11-25T10:00:00.000Z',
      completed_at: '2026-11-25T10:07:30.000Z',
    });
    expect(((s?.events ?? []) as Array<{ event: string }>).map((e) => e.event)).toEqual([
      'logged_started',
      'logged_success',
    ]);
    const bad = await monitoring({ deployment_id: id, environment: 'staging', status: 'exploded' });
    expect(bad.status).toBe(400);
  });
});
