import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installSupabaseCompat } from '../../stack/bootstrap.ts';
import { applyMigrations } from '../../stack/migrate.ts';
import { testTmpRoot } from '../support/stack-process.ts';
import {
  createEmptyDatabase,
  createTestDatabase,
  type TestDatabase,
} from '../support/test-database.ts';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

describe('Supabase compatibility layer', () => {
  it('creates the API roles with Supabase’s attributes', async () => {
    const roles = await db.sql<{ rolname: string; rolbypassrls: boolean; rolcanlogin: boolean }[]>`
      select rolname::text, rolbypassrls, rolcanlogin from pg_roles
       where rolname in ('anon', 'authenticated', 'service_role', 'authenticator') order by rolname`;
    expect(roles).toEqual([
      { rolname: 'anon', rolbypassrls: false, rolcanlogin: false },
      { rolname: 'authenticated', rolbypassrls: false, rolcanlogin: false },
      { rolname: 'authenticator', rolbypassrls: false, rolcanlogin: true },
      { rolname: 'service_role', rolbypassrls: true, rolcanlogin: false },
    ]);
  });

  it('reads auth.uid(), auth.role() and auth.jwt() from request.jwt.claims as PostgREST sets them', async () => {
    const claims = {
      sub: '6f1c1e4e-8d3b-4a53-9a55-2d3c7a1f0b11',
      role: 'authenticated',
      email: 'a@b.c',
    };
    const [row] = await db.sql.begin(async (tx) => {
      await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`;
      return tx`select auth.uid()::text as uid, auth.role() as role, auth.jwt() ->> 'email' as email`;
    });
    expect(row).toEqual({ uid: claims.sub, role: 'authenticated', email: 'a@b.c' });
    const [none] = await db.sql`select auth.uid() as uid, auth.role() as role`;
    expect(none).toEqual({ uid: null, role: null });
  });

  it('is idempotent, and leaves a database with supabase_admin alone', async () => {
    expect(await installSupabaseCompat(db.url)).toBe(true);
    expect(await installSupabaseCompat(db.url)).toBe(true);
    await db.sql`do $$ begin if not exists (select 1 from pg_roles where rolname = 'supabase_admin') then create role supabase_admin; end if; end $$`;
    try {
      expect(await installSupabaseCompat(db.url)).toBe(false);
    } finally {
      await db.sql`drop role supabase_admin`;
    }
  });
});

describe('migrations through the Supabase CLI', () => {
  it('reports a failing migration by file and error, and records nothing of it', async () => {
    const workdir = mkdtempSync(join(testTmpRoot(), 'rollgate-migrate-'));
    mkdirSync(join(workdir, 'supabase', 'migrations'), { recursive: true });
    writeFileSync(join(workdir, 'supabase', 'config.toml'), 'project_id = "broken"\n');
    writeFileSync(
      join(workdir, 'supabase', 'migrations', '20990101000000_broken.sql'),
      'create table fine (id int);\ncreate table broken (id int;\n',
    );
    const empty = await createEmptyDatabase();
    const error = await applyMigrations(empty.url, workdir).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      'migration failed: 20990101000000_broken.sql: syntax error at or near ";" (SQLSTATE 42601)',
    );
    // The migration ran in one transaction: its first statement is gone with it.
    const [row] = await empty.sql`select to_regclass('public.fine') is null as rolled_back`;
    expect(row?.rolled_back).toBe(true);
  });
});
