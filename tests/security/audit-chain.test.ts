import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { beforeAll, describe, expect, it } from 'vitest';
import { signCheckpoint } from '../../shared/audit/checkpoint.ts';
import { runAuditCheckpoint } from '../../shared/audit/checkpoint-job.ts';
import { latestCheckpointIn } from '../../shared/audit/sinks.ts';
import { testTmpRoot } from '../support/stack-process.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';

// Issue 12, finding 7: parallel appends forked the chain and verify_audit stopped at the first
// (false) break; and the database owner could re-hash the chain after an edit, or delete the
// newest rows, without verify_audit noticing.
const KEY = 'audit-key-the-database-never-sees-0123456789';
let db: TestDatabase;
let api: TestApi;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db, { ROLLGATE_AUDIT_KEY: KEY });
  dir = mkdtempSync(join(testTmpRoot(), 'rollgate-checkpoints-'));
});

const env = (name: string) =>
  ({ ROLLGATE_AUDIT_KEY: KEY, ROLLGATE_AUDIT_CHECKPOINT_DIR: dir })[name];
const verify = (checkpoint?: unknown) =>
  api.call('deploy-orchestrator', {
    action: 'verify_audit',
    ...(checkpoint ? { checkpoint } : {}),
  });
const logMany = (prefix: string, n: number) =>
  Promise.all(
    Array.from({ length: n }, (_, i) =>
      api.call('production-monitoring', {
        action: 'log_deployment',
        deployment: { deployment_id: `${prefix}-${i}`, environment: 'staging', status: 'success' },
      }),
    ),
  );

/** As the database owner: guards off (replica), then `work` in one transaction. */
async function asOwner(work: (tx: postgres.TransactionSql) => Promise<unknown>) {
  const owner = postgres(db.url, { max: 1, onnotice: () => {} });
  await owner.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await work(tx);
  });
  await owner.end();
}

describe('the audit chain', () => {
  it('does not fork under 200 parallel log_deployment calls', async () => {
    const replies = await logMany(`par-${Date.now()}`, 200);
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const result = (await verify()).body.result;
    expect(result).toMatchObject({ intact: true, first_broken_id: null, breaks: [] });
    expect(result.rows_checked).toBeGreaterThanOrEqual(200);
  });

  it('does not fork when a row draws its id long before it reaches the chain lock', async () => {
    // The id is drawn when the row is formed; a slow expression after it (here a sleep, in
    // practice a large payload or a busy server) delays the trigger's lock, and a later row
    // overtakes it. Chained by id, the two rows' links crossed.
    const slow = postgres(db.url, { max: 1, onnotice: () => {} });
    const overtaken = slow`
      insert into deployment_audit (deployment_id, environment, deployment_type, deployment_status,
        started_at, event, source, details, prev_hash, hash)
      values ('slow-row', 'staging', 'backend', 'succeeded', now(), 'logged_success', 'log_deployment',
        (select '{}'::jsonb from pg_sleep(1)), '', '')`;
    await new Promise((r) => setTimeout(r, 200));
    await logMany(`fast-${Date.now()}`, 3);
    await overtaken;
    await slow.end();
    expect((await verify()).body.result).toMatchObject({ intact: true, breaks: [] });
  });

  it('reports every break, not just the first', async () => {
    await logMany(`brk-${Date.now()}`, 5);
    const victims = await db.sql<{ id: number }[]>`
      select id::float8 as id from deployment_audit order by id desc limit 2`;
    await asOwner(async (tx) => {
      for (const v of victims)
        await tx`update deployment_audit set deployed_by = 'mallory' where id = ${v.id}`;
    });
    const result = (await verify()).body.result;
    expect(result.intact).toBe(false);
    expect(result.breaks.map((b: { id: number }) => b.id).sort()).toEqual(
      victims.map((v) => v.id).sort(),
    );
    // Put the rows back so the next tests start from an intact chain.
    await asOwner(async (tx) => {
      for (const v of victims)
        await tx`update deployment_audit set deployed_by = 'service_role' where id = ${v.id}`;
    });
    expect((await verify()).body.result.intact).toBe(true);
  });
});

describe('checkpoints signed outside the database', () => {
  it('detect an edit re-chained with session_replication_role = replica', async () => {
    await logMany(`cp-${Date.now()}`, 10);
    const written = await runAuditCheckpoint({ sql: db.sql, env });
    expect(written.written).not.toBeNull();
    const checkpoint = await latestCheckpointIn(dir);
    expect(checkpoint).toEqual(written.written);
    expect((await verify(checkpoint)).body.result).toMatchObject({ intact: true });

    const [victim] = await db.sql<{ id: number; chain_seq: number }[]>`
      select id::float8 as id, chain_seq::float8 as chain_seq from deployment_audit
       order by chain_seq desc offset 5 limit 1`;
    await asOwner(async (tx) => {
      await tx`update deployment_audit set deployed_by = 'mallory' where id = ${victim?.id as number}`;
      // Re-hash from the edited row on, in chain order, so the chain is consistent again.
      await tx.unsafe(`
        do $$
        declare r record; prev text; h text;
        begin
          select hash into prev from public.deployment_audit where chain_seq = ${(victim?.chain_seq as number) - 1};
          for r in select id from public.deployment_audit where chain_seq >= ${victim?.chain_seq} order by chain_seq loop
            update public.deployment_audit set prev_hash = prev where id = r.id;
            select encode(sha256(convert_to(public.deployment_audit_digest_input(a), 'UTF8')), 'hex')
              into h from public.deployment_audit a where a.id = r.id;
            update public.deployment_audit set hash = h where id = r.id;
            prev := h;
          end loop;
        end $$`);
    });
    // The chain alone cannot tell: that is the attack.
    expect((await verify()).body.result).toMatchObject({ intact: true, breaks: [] });
    const result = (await verify(checkpoint)).body.result;
    expect(result.intact).toBe(false);
    expect(result.checkpoint.problems.join(' ')).toMatch(/rewritten/);
  });

  it('detect the newest rows deleted', async () => {
    await logMany(`tr-${Date.now()}`, 6);
    const { written } = await runAuditCheckpoint({ sql: db.sql, env });
    await asOwner(
      (tx) =>
        tx`delete from deployment_audit where chain_seq > ${(written?.chain_seq as number) - 3}`,
    );
    expect((await verify()).body.result).toMatchObject({ intact: true, breaks: [] });
    const result = (await verify(await latestCheckpointIn(dir))).body.result;
    expect(result.intact).toBe(false);
    expect(result.checkpoint.problems.join(' ')).toMatch(/missing/);
  });

  it('cannot be forged without the key', async () => {
    const [head] = await db.sql<{ chain_seq: number; hash: string; row_count: number }[]>`
      select chain_seq::float8 as chain_seq, hash, row_count::float8 as row_count from deployment_audit_head()`;
    const forged = await signCheckpoint('a-key-the-attacker-made-up-0123456789abcdef', {
      chain_seq: head?.chain_seq as number,
      head_hash: head?.hash as string,
      row_count: head?.row_count as number,
      created_at: new Date().toISOString(),
    });
    const result = (await verify(forged)).body.result;
    expect(result.intact).toBe(false);
    expect(result.checkpoint.problems.join(' ')).toMatch(/HMAC does not match/);
  });

  it('are skipped, saying why, without a key', async () => {
    expect(await runAuditCheckpoint({ sql: db.sql, env: () => undefined })).toEqual({
      written: null,
      skipped: 'ROLLGATE_AUDIT_KEY is not set (32+ characters)',
    });
  });
});
