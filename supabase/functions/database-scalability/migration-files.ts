import { AppError } from '../../../shared/app-error.ts';
import type { MigrationFile } from '../../../shared/migration-lint/lint.ts';
import { selectAppliedMigrationVersions } from '../../../shared/sql/applied-migrations.ts';
import type { Sql } from '../_shared/db.ts';

/**
 * The two calls needed from node:fs/promises, which Node and Deno both provide at run time. It is
 * imported by a computed specifier so `deno check` does not go looking for Node's type package,
 * which the function's import map does not carry.
 */
interface FileSystem {
  readdir(path: URL): Promise<string[]>;
  readFile(path: URL, encoding: 'utf8'): Promise<string>;
}
const NODE_FS = 'node:fs/promises';
const fileSystem = () => import(NODE_FS) as Promise<FileSystem>;

/** supabase/migrations, found from this file's own location in the repository. */
const MIGRATIONS_DIR = new URL('../../migrations/', import.meta.url);

export type MigrationSelection = 'pending' | 'all';

/**
 * The project's migration files in the order the CLI applies them (by version), all of them or
 * only those not yet recorded in this database. Works wherever the repository is on disk (the
 * local stack under Node, `deno run` locally); a hosted Edge Function ships without them.
 */
export async function readProjectMigrations(
  sql: Sql,
  selection: MigrationSelection,
): Promise<MigrationFile[]> {
  const names = await listMigrationFiles();
  const applied = selection === 'pending' ? await selectAppliedMigrationVersions(sql) : new Set();
  const wanted = names.filter((name) => !applied.has(versionOf(name)));
  const { readFile } = await fileSystem();
  return Promise.all(
    wanted.map(async (name) => ({
      name,
      sql: await readFile(new URL(name, MIGRATIONS_DIR), 'utf8'),
    })),
  );
}

async function listMigrationFiles(): Promise<string[]> {
  try {
    const names = await (await fileSystem()).readdir(MIGRATIONS_DIR);
    return names.filter((n) => /^\d+_.*\.sql$/.test(n)).sort();
  } catch (cause) {
    throw new AppError(
      422,
      'migrations_unavailable',
      'the project’s migration files are not readable here; pass the SQL as "sql" instead',
      { cause },
    );
  }
}

/** `20261125000100_foundation.sql` → `20261125000100`, as the CLI records it. */
function versionOf(name: string): string {
  return name.slice(0, name.indexOf('_'));
}
