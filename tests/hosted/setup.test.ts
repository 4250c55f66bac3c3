import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requiredQueues } from '../../shared/jobs/registry.ts';
import { expectedCronJobs } from '../../shared/setup/schedules.ts';
import { cleanEnv, spawnCli } from '../cli/run-cli.ts';

// Runs inside the hosted-parity run (.ci/hosted-parity), against its PostgreSQL 15 with pg_cron
// and pg_net and Supabase's roles; `npm test` has no pg_cron and skips it, saying why.
const url = process.env.HOSTED_DATABASE_URL;
const functionsUrl = process.env.HOSTED_FUNCTIONS_URL;
const secretKey = process.env.HOSTED_SECRET_KEY;
const hosted = Boolean(url && functionsUrl && secretKey);

describe.skipIf(!hosted)('rollgate setup on a hosted-like database (HOSTED_DATABASE_URL)', () => {
  let sql: postgres.Sql;
  const runs: Array<{ code: number | null; stdout: string; stderr: string }> = [];
  const snapshots: Array<Record<string, unknown>> = [];

  const snapshot = async () => ({
    cron: await sql`select jobid, jobname, schedule, command from cron.job
                     where jobname like 'rollgate-%' order by jobname`,
    migrations: (await sql`select count(*)::int as n from supabase_migrations.schema_migrations`)[0]
      ?.n,
    settings: await sql`select name from rollgate_private.settings order by name`,
    triggers: (
      await sql`select count(*)::int as n from pg_trigger
                 where tgrelid = 'public.deployment_audit'::regclass and not tgisinternal`
    )[0]?.n,
  });

  beforeAll(async () => {
    sql = postgres(url as string, { max: 1, onnotice: () => {} });
    for (let i = 0; i < 2; i++) {
      const run = spawnCli(
        ['setup', '--db-url', url as string, '--functions-url', functionsUrl as string],
        cleanEnv({ SUPABASE_SECRET_KEY: secretKey as string }),
      );
      runs.push(await run.done);
      snapshots.push(await snapshot());
    }
  }, 240_000);

  afterAll(() => sql?.end());

  it('succeeds twice, the second time changing nothing', () => {
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    expect(runs[1]?.stdout).toContain('0 created or changed, 0 removed');
    expect(snapshots[1]).toEqual(snapshots[0]);
  });

  it('leaves cron.job exactly as the job registry says', () => {
    const cron = (snapshots[1]?.cron ?? []) as Array<Record<string, unknown>>;
    expect(cron.map(({ jobname, schedule, command }) => ({ jobname, schedule, command }))).toEqual(
      expectedCronJobs(),
    );
  });

  it('has every queue of the registry in pgboss.queue', async () => {
    const rows = await sql<{ name: string }[]>`select name from pgboss.queue`;
    const names = rows.map((r) => r.name);
    for (const q of requiredQueues()) expect(names).toContain(q.name);
  });

  it('keeps the key out of reach of the API roles and out of pg_trigger', async () => {
    for (const role of ['anon', 'authenticated', 'service_role']) {
      const attempt = sql.begin(async (tx) => {
        await tx.unsafe(`set local role ${role}`);
        return tx`select value from rollgate_private.settings`;
      });
      await expect(attempt, role).rejects.toThrow(/permission denied/);
    }
    const [args] = await sql<{ text: string }[]>`
      select coalesce(string_agg(encode(tgargs, 'escape'), ' '), '') as text from pg_trigger`;
    expect(args?.text).not.toContain(secretKey as string);
  });
});
