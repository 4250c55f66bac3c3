import { existsSync, readFileSync } from 'node:fs';
import { lintConfigSchema } from '../../shared/migration-lint/config.ts';
import type { LintReport } from '../../shared/migration-lint/finding.ts';
import { type LintOptions, lintMigrations } from '../../shared/migration-lint/lint.ts';
import { type Command, str } from '../command.ts';
import { EXIT, UsageError } from '../errors.ts';
import { type LintFormat, renderGithub, renderText } from '../render/lint-report.ts';

const FORMATS: readonly LintFormat[] = ['text', 'json', 'github'];
const DEFAULT_CONFIG = 'rollgate-lint.json';

/**
 * `rollgate db lint <files…>`: the migration lint on PostgreSQL's own parser, offline like
 * squawk; `--live` sends the files to `lint_migration` so the live catalog grades them.
 * Exit 0 when no finding is an error, 1 when one is, 2 on bad usage or an unreadable file.
 */
export const dbLint: Command = {
  path: ['db', 'lint'],
  usage:
    '<file.sql>… [--format text|json|github] [--config rollgate-lint.json] [--pg-version N] [--no-file-transaction] [--live]',
  summary: 'Lint migration files for unsafe changes; exit 1 on an error-level finding.',
  positionals: ['file'],
  optionalPositionals: Array.from({ length: 9999 }, () => 'file'),
  options: {
    format: { type: 'string', default: 'text' },
    config: { type: 'string' },
    'pg-version': { type: 'string' },
    'no-file-transaction': { type: 'boolean', default: false },
    live: { type: 'boolean', default: false },
  },
  async run(ctx) {
    const format = (ctx.out.json ? 'json' : (str(ctx.values.format) ?? 'text')) as LintFormat;
    if (!FORMATS.includes(format))
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    const files = ctx.positionals.map((name) => ({ name, sql: readSource(name) }));
    const { options, configName, config } = readConfig(ctx.values);
    let report: LintReport;
    if (ctx.values.live === true) {
      const r = await ctx.api().call('database-scalability', {
        action: 'lint_migration',
        files,
        ...(config ? { config } : {}),
      });
      report = {
        status: r.status,
        statements: r.details.statements,
        files: r.details.files,
        findings: r.details.findings,
        locks: [],
      };
    } else {
      report = await lintMigrations(files, { ...options, ...(configName ? { configName } : {}) });
    }
    if (format === 'json') ctx.out.data(report);
    else if (format === 'github') {
      const text = renderGithub(report);
      if (text) ctx.out.line(text);
    } else ctx.out.line(renderText(report, new Map(files.map((f) => [f.name, f.sql]))));
    return report.findings.some((f) => f.severity === 'error') ? EXIT.failed : EXIT.ok;
  },
};

function readSource(name: string): string {
  try {
    return readFileSync(name, 'utf8');
  } catch (err) {
    throw new UsageError(`${name}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
}

function readConfig(values: Record<string, unknown>) {
  const given = typeof values.config === 'string' ? values.config : undefined;
  const path = given ?? (existsSync(DEFAULT_CONFIG) ? DEFAULT_CONFIG : undefined);
  const version =
    typeof values['pg-version'] === 'string' ? Number(values['pg-version']) : undefined;
  if (version !== undefined && !(Number.isInteger(version) && version >= 9 && version <= 99)) {
    throw new UsageError('--pg-version must be a major version such as 15');
  }
  let config = undefined as ReturnType<typeof lintConfigSchema.parse> | undefined;
  if (path) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readSource(path));
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`${path}: not valid JSON`);
    }
    const result = lintConfigSchema.safeParse(parsed);
    if (!result.success) {
      throw new UsageError(
        `${path}: ${result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      );
    }
    config = result.data;
  }
  const merged = {
    ...config,
    ...(version === undefined ? {} : { server_version: version }),
    ...(values['no-file-transaction'] === true ? { assume_in_transaction: false } : {}),
  };
  const options: LintOptions = {
    ...(merged.server_version === undefined ? {} : { serverVersion: merged.server_version }),
    ...(merged.assume_in_transaction === undefined
      ? {}
      : { assumeInTransaction: merged.assume_in_transaction }),
    ...(merged.enable ? { enable: merged.enable } : {}),
    ...(merged.exclusions ? { exclusions: merged.exclusions } : {}),
  };
  return { options, configName: path, config: path || version !== undefined ? merged : undefined };
}
