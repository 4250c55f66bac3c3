import type { Sql } from './client.ts';

/** A migration the Supabase CLI applied, with the statements it recorded (`supabase db push`). */
export interface AppliedMigration {
  version: string;
  name: string;
  statements: string[];
}

async function recorded(sql: Sql): Promise<boolean> {
  const [table] = await sql<{ exists: boolean }[]>`
    select to_regclass('supabase_migrations.schema_migrations') is not null as exists`;
  return table?.exists === true;
}

/**
 * Versions the Supabase CLI recorded as applied (`supabase_migrations.schema_migrations`);
 * empty when the CLI never ran against this database.
 */
export async function selectAppliedMigrationVersions(sql: Sql): Promise<Set<string>> {
  if (!(await recorded(sql))) return new Set();
  const rows = await sql<{ version: string }[]>`
    select version::text from supabase_migrations.schema_migrations`;
  return new Set(rows.map((r) => r.version));
}

/**
 * The applied migrations in order, read from the database (a deployed Edge Function has no
 * migration files on disk). The CLI keeps each statement without its semicolon.
 */
export async function selectAppliedMigrations(sql: Sql): Promise<AppliedMigration[]> {
  if (!(await recorded(sql))) return [];
  return sql<AppliedMigration[]>`
    select version::text, coalesce(name, '') as name, coalesce(statements, '{}') as statements
      from supabase_migrations.schema_migrations
     order by version`;
}
