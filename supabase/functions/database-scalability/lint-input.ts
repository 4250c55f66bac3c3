import type { z } from 'zod';
import { AppError } from '../../../shared/app-error.ts';
import type { lintConfigSchema } from '../../../shared/migration-lint/config.ts';
import type { LintOptions, MigrationFile } from '../../../shared/migration-lint/lint.ts';
import { selectAppliedMigrations } from '../../../shared/sql/applied-migrations.ts';
import type { Pool } from '../../../shared/sql/client.ts';

export function optionsOf(config: z.infer<typeof lintConfigSchema> | undefined): LintOptions {
  if (!config) return {};
  return {
    ...(config.server_version === undefined ? {} : { serverVersion: config.server_version }),
    ...(config.assume_in_transaction === undefined
      ? {}
      : { assumeInTransaction: config.assume_in_transaction }),
    ...(config.enable ? { enable: config.enable } : {}),
    ...(config.exclusions ? { exclusions: config.exclusions } : {}),
  };
}

export function exactlyOne(present: Record<string, boolean>): void {
  const given = Object.entries(present).filter(([, v]) => v);
  if (given.length === 1) return;
  const names = Object.keys(present);
  throw new AppError(400, 'validation_failed', `give exactly one of ${names.join(', ')}`, {
    details: { issues: [{ path: names[0], message: `exactly one of ${names.join(', ')}` }] },
  });
}

/**
 * The applied migrations as files, rebuilt from the statements the Supabase CLI recorded in
 * `supabase_migrations.schema_migrations` — on hosted Supabase the function has no files.
 */
export async function appliedMigrationFiles(sql: Pool): Promise<MigrationFile[]> {
  const applied = await selectAppliedMigrations(sql);
  return applied.map((m) => ({
    name: `${m.version}_${m.name}.sql`,
    sql: m.statements.map(terminate).join('\n'),
  }));
}

/** The files whose version (the name's prefix up to `_`) is not applied yet. */
export function pendingOnly(
  files: readonly MigrationFile[],
  applied: Set<string>,
): MigrationFile[] {
  return files.filter((f) => !applied.has(f.name.split('/').pop()?.split('_')[0] ?? ''));
}

/** A recorded statement with its semicolon back; on a line of its own after a `--` comment. */
function terminate(statement: string): string {
  const text = statement.trimEnd();
  const lastLine = text.slice(text.lastIndexOf('\n') + 1);
  return lastLine.includes('--') ? `${text}\n;` : `${text};`;
}
