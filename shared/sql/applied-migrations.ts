import type { Sql } from './client.ts';

/**
 * Versions the Supabase CLI recorded as applied (`supabase_migrations.schema_migrations`);
 * empty when the CLI never ran against this database.
 */
export async function selectAppliedMigrationVersions(sql: Sql): Promise<Set<string>> {
  const [table] = await sql<{ exists: boolean }[]>`
    select to_regclass('supabase_migrations.schema_migrations') is not null as exists`;
  if (!table?.exists) return new Set();
  const rows = await sql<{ version: string }[]>`
    select version::text from supabase_migrations.schema_migrations`;
  return new Set(rows.map((r) => r.version));
}
