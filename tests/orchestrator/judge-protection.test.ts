/**
 * Issue 13's findings B1, B2, B6, B9 against the real API, queue workers and PostgreSQL: the
 * judge's evidence is the deployment's own, step by step and across steps, and protection does
 * not pause with the rollout.
 */
import { describe, expect, it } from 'vitest';
import { seeded } from '../core/judge-fixtures.ts';
import { harnessForFile } from '../support/harness.ts';
import {
  clearProduction,
  healthyTraffic,
  startedCanary,
  traffic,
} from '../support/orchestrator.ts';
import { recordRequests } from '../support/telemetry.ts';

const h = harnessForFile({ workers: true, clearProduction: true });

describe('each step is judged on its own sample (B1)', () => {
  it('lets one batch of 60 canary requests pass one step, not two', async () => {
    const { id } = await startedCanary(h.o, { pause: 1 });
    await recordRequests(h.api, healthyTraffic(id, 60));
    await h.o.waitForStatus(id, (s) => s.current_step === 1);
    // The second step's timer fires and holds: none of its 50 canary requests has arrived.
    await h.o.waitForStatus(
      id,
      (s) => (s.analyses as unknown[]).length >= 2 && s.status === 'progressing',
    );
    const [d] = await h.db.sql`
      select current_step, step_canary_requests::int as n from deployments where deployment_id = ${id}`;
    expect(d).toEqual({ current_step: 1, n: 0 });
  });
});

describe('protection does not pause with the rollout (B2)', () => {
  it('rolls back a failing canary while it is paused', async () => {
    const { id } = await startedCanary(h.o);
    expect((await h.o.call('pause', { deployment_id: id })).body.result.status).toBe('paused');
    await recordRequests(h.api, [
      ...traffic(id, 'stable', 300, { errorsPer100: 1 }),
      ...traffic(id, 'canary', 100, { errorsPer100: 60 }),
    ]);
    expect(await h.o.status(id)).toMatchObject({ status: 'rolled_back', weight: 0 });
  });

  it('resumes with what is left of the pause, not a whole new one', async () => {
    const { id } = await startedCanary(h.o, { pause: 600 });
    // Back-date the step by 500 s: 100 s of the pause are left.
    await h.db.sql`update deployments set step_started_at = now() - interval '500 seconds'
                  where deployment_id = ${id}`;
    await h.o.call('pause', { deployment_id: id });
    await h.o.call('resume', { deployment_id: id });
    const [job] = await h.db.sql<{ wait: number }[]>`
      select extract(epoch from start_after - now())::float8 as wait from pgboss.job
       where name = 'rollout-step' and data->>'deployment_id' = ${id}
       order by created_on desc limit 1`;
    expect(job?.wait).toBeGreaterThan(80);
    expect(job?.wait).toBeLessThan(110);
  });
});

describe('latency judged on the distribution (B5)', () => {
  /** Log-normal (σ = 1, heavy-tailed) latency around `medianMs`, 1 % errors. */
  const heavyTailed = (id: string, variant: 'canary' | 'stable', n: number, medianMs: number) => {
    const r = seeded(n * 7 + medianMs);
    return traffic(id, variant, n, { errorsPer100: 1 }).map((s) => ({
      ...s,
      duration_ms: Math.round(medianMs * Math.exp(r.gauss()) * 100) / 100,
    }));
  };

  it('ships a heavy-tailed canary like its stable, rolls back one 1.5× slower', async () => {
    const healthy = await startedCanary(h.o);
    for (let batch = 0; batch < 5; batch++)
      await recordRequests(h.api, [
        ...heavyTailed(healthy.id, 'stable', 600 + batch, 100),
        ...heavyTailed(healthy.id, 'canary', 200 + batch, 100),
      ]);
    expect(await h.o.status(healthy.id)).toMatchObject({ status: 'progressing', analyses: [] });
    await clearProduction(h.o);

    const slow = await startedCanary(h.o);
    for (let batch = 0; batch < 5; batch++)
      await recordRequests(h.api, [
        ...heavyTailed(slow.id, 'stable', 600 + batch, 100),
        ...heavyTailed(slow.id, 'canary', 200 + batch, 150),
      ]);
    const s = await h.o.status(slow.id);
    expect(s).toMatchObject({ status: 'rolled_back' });
    expect(s?.rollback_reason).toMatch(/latency_vs_stable/);
  });
});

describe('a bake window after 100 % (B2, B6)', () => {
  it('keeps judging a succeeded canary and rolls back a regression found then', async () => {
    const { id } = await startedCanary(h.o, { pause: 1 });
    await recordRequests(h.api, healthyTraffic(id, 60));
    await h.o.waitForStatus(id, (s) => s.current_step === 1);
    await recordRequests(h.api, healthyTraffic(id, 60));
    await h.o.waitForStatus(id, 'succeeded');
    await recordRequests(h.api, traffic(id, 'canary', 100, { errorsPer100: 40 }));
    const s = await h.o.status(id);
    expect(s).toMatchObject({ status: 'rolled_back', weight: 0 });
    const last = (
      (s?.events ?? []) as Array<{ event: string; details: Record<string, unknown> }>
    ).at(-1);
    expect(last).toMatchObject({ event: 'rolled_back', details: { trigger: 'telemetry' } });
  });
});

describe('evidence carried across steps (B6)', () => {
  it('counts a late batch timestamped in the previous step', async () => {
    const { id } = await startedCanary(h.o, { pause: 1 });
    await recordRequests(h.api, healthyTraffic(id, 60));
    await h.o.waitForStatus(id, (s) => s.current_step === 1);
    // Step 0 is made to have lasted three minutes; requests the canary served 90 s ago, in step 0
    // and in an earlier minute than step 1's start, arrive late: they are still its evidence.
    await h.db.sql`update deployments set started_at = started_at - interval '3 minutes'
                  where deployment_id = ${id}`;
    const stepZero = new Date(Date.now() - 90_000).toISOString();
    const late = traffic(id, 'canary', 100, { errorsPer100: 30 }).map((s) => ({
      ...s,
      timestamp: stepZero,
    }));
    await recordRequests(h.api, late);
    const s = await h.o.status(id);
    expect(s).toMatchObject({ status: 'rolled_back' });
    expect(s?.rollback_reason).toMatch(/error_rate: canary \d+(\.\d+)?% of 160/);
  });
});

describe('promote asks the judge (B9)', () => {
  it('rolls back 49 of 49 failing canary requests, below the minimum sample', async () => {
    const { id } = await startedCanary(h.o);
    await recordRequests(h.api, traffic(id, 'canary', 49, { errorsPer100: 100 }));
    expect(await h.o.status(id)).toMatchObject({ status: 'rolled_back' });
  });

  it('refuses to promote a canary the judge fails, and writes nothing', async () => {
    const { id } = await startedCanary(h.o);
    await h.db.sql`insert into monitoring_targets (name, url, environment)
                 values (${`b9-${id}`}, 'https://example.com/health', 'production')`;
    await h.db.sql`
      insert into incidents (target, reason) values (${`b9-${id}`}, 'three failed checks')`;
    try {
      const before = (await h.o.status(id))?.events as unknown[];
      const reply = await h.o.call('promote', { deployment_id: id, full: true });
      expect(reply.status).toBe(409);
      expect(reply.body.error.code).toBe('analysis_failed');
      expect(reply.body.error.message).toMatch(/health_checks: 1 incidents opened/);
      const after = await h.o.status(id);
      expect(after).toMatchObject({ status: 'progressing', weight: 25 });
      expect(after?.events).toEqual(before);
    } finally {
      await h.db.sql`update incidents set resolved_at = now() where target = ${`b9-${id}`}`;
    }
  });
});
