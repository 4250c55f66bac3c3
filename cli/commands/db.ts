import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, str } from '../command.ts';
import { EXIT, UsageError } from '../errors.ts';

/** database-scalability pre_deployment_check: one verdict; exit 1 on `fail`, as a CI gate. */
export const dbCheck: Command = {
  path: ['db', 'check'],
  usage: '[--lint-pending | --migration <file.sql>]',
  summary: 'Every database check (and a migration lint) with one verdict; exit 1 on fail.',
  options: { 'lint-pending': { type: 'boolean', default: false }, migration: { type: 'string' } },
  async run(ctx) {
    const file = str(ctx.values.migration);
    let migrationSql: string | undefined;
    if (file !== undefined) {
      try {
        migrationSql = readFileSync(file, 'utf8');
      } catch (err) {
        throw new UsageError(
          `--migration ${file}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`,
        );
      }
    }
    if (migrationSql !== undefined && ctx.values['lint-pending'] === true) {
      throw new UsageError('give --lint-pending or --migration, not both');
    }
    // The server skips the files whose version it already applied and lints the rest.
    const migrations = ctx.values['lint-pending'] === true ? projectMigrations() : undefined;
    const r = await ctx.api().call(
      'database-scalability',
      {
        action: 'pre_deployment_check',
        ...(migrations ? { migrations } : {}),
        ...(migrationSql === undefined ? {} : { migration_sql: migrationSql }),
      },
      { migration_sql: '--migration', migrations: '--lint-pending' },
    );
    ctx.out.result(r, () => {
      ctx.out.line(`verdict: ${r.verdict}`);
      ctx.out.table([
        ['CHECK', 'STATUS', 'VALUE', 'THRESHOLD'],
        ...Object.entries(r.checks).map(([name, c]) => [
          name,
          c.status,
          c.value ?? '-',
          c.threshold ?? '-',
        ]),
      ]);
      const findings = r.checks.migration_lint?.details.findings ?? [];
      for (const f of findings) {
        ctx.out.line(
          `${f.file ?? '<sql>'}:${f.line}:${f.column}: ${f.severity}[${f.rule}] ${f.message}`,
        );
      }
    });
    return r.verdict === 'fail' ? EXIT.failed : EXIT.ok;
  },
};

/** supabase/migrations/*.sql of the current directory, in the order the CLI applies them. */
function projectMigrations(): { name: string; sql: string }[] {
  const dir = join('supabase', 'migrations');
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => /^\d+_.*\.sql$/.test(n))
      .sort();
  } catch (err) {
    throw new UsageError(
      `--lint-pending: ${dir}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`,
    );
  }
  if (names.length === 0) throw new UsageError(`--lint-pending: no migrations in ${dir}`);
  return names.map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }));
}
