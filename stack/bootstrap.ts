import { readFileSync } from 'node:fs';
import postgres from 'postgres';

const COMPAT_SQL = readFileSync(new URL('./supabase-compat.sql', import.meta.url), 'utf8');

/**
 * Installs what Supabase would provide (roles, auth helpers, extensions schema) on a plain
 * PostgreSQL. A Supabase database is recognised by its `supabase_admin` role and left alone.
 * Returns whether anything was installed.
 */
export async function installSupabaseCompat(databaseUrl: string): Promise<boolean> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    const [row] = await sql<{ supabase: boolean }[]>`
      select exists (select 1 from pg_roles where rolname = 'supabase_admin') as supabase`;
    if (row?.supabase) return false;
    // Two stacks bootstrapping one cluster at once would race on CREATE ROLE: serialise them.
    await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtext('rollgate.supabase_compat'))`;
      await tx.unsafe(COMPAT_SQL);
    });
    return true;
  } finally {
    await sql.end({ timeout: 5 });
  }
}
