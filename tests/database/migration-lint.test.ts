import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintMigrationSql, lintMigrations } from '../../shared/migration-lint/lint.ts';
import { RULE_IDS, RULES } from '../../shared/migration-lint/rules.ts';
import { ROOT } from '../support/stack-process.ts';
import { CORPUS } from './migration-lint-corpus.ts';

const TIMEOUTS = "set lock_timeout = '5s'; set statement_timeout = '1min';\n";
/** The corpus reads SQL as run statement by statement; the Supabase default has its own test. */
const rulesOf = async (sql: string, options = {}) =>
  (await lintMigrationSql(TIMEOUTS + sql, { assumeInTransaction: false, ...options })).findings.map(
    (f) => f.rule,
  );

describe('the rule corpus: every rule, its unsafe case, its safe alternative, an edge case', () => {
  for (const c of CORPUS) {
    it(c.rule, async () => {
      const options = c.options ?? {};
      expect(await rulesOf(c.unsafe, options)).toContain(c.rule);
      expect(await rulesOf(c.safe, options)).toEqual([]);
      expect((await rulesOf(c.edge, options)).filter((r) => r !== 'prefer-robust-stmts')).toEqual(
        c.edgeRules,
      );
    });
  }

  it('covers every statement rule, each with a safe alternative and a section in the docs', () => {
    const meta = ['require-lock-timeout', 'require-statement-timeout', 'syntax-error'];
    const covered = new Set([...CORPUS.map((c) => c.rule), ...meta]);
    const live = RULE_IDS.filter((r) => RULES[r].category === 'live' || r.includes('exclusion'));
    expect(RULE_IDS.filter((r) => !covered.has(r) && !live.includes(r))).toEqual([]);
    const docs = readFileSync(join(ROOT, 'docs', 'migration-lint.md'), 'utf8');
    for (const id of RULE_IDS) {
      expect(RULES[id].safe_alternative.length).toBeGreaterThan(5);
      expect(docs).toContain(`#### \`${id}\``);
    }
  });
});

describe('positions, parse failures and versions', () => {
  it('gives line and column from the parse tree, counting characters, not bytes', async () => {
    const report = await lintMigrationSql(
      `${TIMEOUTS}-- é, ü: comments before\nselect 'ééé';   create index orders_user\n  on public.orders (user_id);`,
    );
    expect(report.findings).toMatchObject([
      {
        line: 4,
        column: 6,
        rule: 'require-concurrent-index-creation',
        severity: 'error',
        table: 'public.orders',
        lock: 'SHARE',
        statement: 'create index orders_user on public.orders (user_id)',
      },
    ]);
  });

  it('reports a statement the parser refuses as a finding and lints the others', async () => {
    const report = await lintMigrationSql(
      `${TIMEOUTS}alter tble users add x int;\ncreate index i on orders (a);\ncreate function f() returns int language sql begin atomic select 1; select 2; end;\ndrop table sessions;`,
    );
    expect(report.findings.map((f) => [f.line, f.column, f.rule])).toEqual([
      [2, 7, 'syntax-error'],
      [3, 19, 'require-concurrent-index-creation'],
      [5, 1, 'ban-drop-table'],
    ]);
    expect(report.findings[0]?.message).toContain('syntax error at or near "tble"');
    const unterminated = await lintMigrationSql("select 1;\nselect 'oops;");
    expect(unterminated.findings.map((f) => [f.line, f.rule])).toEqual([[2, 'syntax-error']]);
  });

  it('knows a constant default is free from PostgreSQL 11 but not before, and serial never', async () => {
    const add = "alter table users add column plan text default 'free';";
    expect(await rulesOf(add, { serverVersion: 15 })).toEqual([]);
    expect(await rulesOf(add, { serverVersion: 10 })).toEqual(['adding-field-with-default']);
    expect(await rulesOf('alter table users add column n bigserial;')).toEqual([
      'adding-field-with-default',
    ]);
    expect(await rulesOf('alter table users add column at timestamptz default now();')).toEqual([]);
  });

  it('asks for both timeouts once, before the first statement that locks an existing table', async () => {
    const report = await lintMigrationSql(
      'create table fresh (id int);\nalter table users add column a int;\nalter table users add column b int;',
    );
    expect(report.status).toBe('warn');
    expect(report.findings.map((f) => [f.line, f.rule])).toEqual([
      [2, 'require-lock-timeout'],
      [2, 'require-statement-timeout'],
    ]);
    const viaSetConfig = await lintMigrationSql(
      "select set_config('lock_timeout', '2s', true);\nset local statement_timeout to '1min';\nalter table users add a int;",
    );
    expect(viaSetConfig.findings).toEqual([]);
    const zero = await lintMigrationSql(
      "set lock_timeout = 0; set statement_timeout = '0'; alter table users add a int;",
    );
    expect(zero.findings).toHaveLength(2);
  });

  it('exempts tables created earlier in the same batch, across files', async () => {
    const report = await lintMigrations([
      { name: '001_create.sql', sql: 'create table public.widgets (id int, name text);' },
      {
        name: '002_shape.sql',
        sql: `${TIMEOUTS}create index on widgets (name);\nalter table widgets alter column name set not null;`,
      },
      { name: '003_old.sql', sql: `${TIMEOUTS}alter table gadgets drop column colour;` },
    ]);
    expect(report.statements).toBe(8);
    expect(report.findings.map((f) => [f.file, f.line, f.rule])).toEqual([
      ['003_old.sql', 2, 'ban-drop-column'],
    ]);
  });

  it('ignores DDL words inside strings, comments and function bodies', async () => {
    const sql = [
      "comment on table users is 'we never drop table users';",
      '-- alter table users drop column email;',
      'create function purge() returns void language plpgsql as $$ begin drop table scratch; end $$;',
    ].join('\n');
    expect(await lintMigrationSql(sql)).toEqual({
      status: 'pass',
      findings: [],
      statements: 2,
      files: [],
      locks: [],
    });
  });
});

describe('supabase db push runs each file as one transaction (the default)', () => {
  it('CONCURRENTLY works only alone in its file, so the lint says so', async () => {
    const alone = await lintMigrationSql(
      'create index concurrently orders_user on orders (user_id);',
    );
    expect(alone.findings).toEqual([]);
    const shared = await lintMigrationSql(
      `${TIMEOUTS}create index concurrently orders_user on orders (user_id);`,
    );
    expect(shared.findings.map((f) => [f.line, f.rule])).toEqual([
      [2, 'ban-concurrent-index-creation-in-transaction'],
    ]);
    expect(shared.findings[0]?.message).toContain('give this statement a file of its own');
  });

  it('a NOT VALID constraint validated in the same file holds the lock through the scan', async () => {
    const sql = `${TIMEOUTS}alter table orders add constraint positive check (total >= 0) not valid;\nalter table orders validate constraint positive;`;
    expect((await lintMigrationSql(sql)).findings.map((f) => [f.line, f.rule])).toEqual([
      [3, 'constraint-missing-not-valid'],
    ]);
    expect((await lintMigrationSql(sql, { assumeInTransaction: false })).findings).toEqual([]);
  });

  it('BEGIN and COMMIT inside such a file nest', async () => {
    const report = await lintMigrationSql('begin;\ncreate table public.t (id int);\ncommit;');
    expect(report.findings.map((f) => [f.line, f.rule])).toEqual([[1, 'transaction-nesting']]);
  });
});

describe('exclusions', () => {
  it('an inline comment with a reason excludes the rule for the next statement only', async () => {
    const report = await lintMigrationSql(
      `${TIMEOUTS}-- rollgate-lint-ignore ban-drop-table: archived in v2, no code reads it\ndrop table sessions;\ndrop table tokens;`,
    );
    expect(report.findings.map((f) => [f.line, f.rule])).toEqual([[4, 'ban-drop-table']]);
  });

  it('an exclusion without a reason, or naming no real rule, is itself a finding', async () => {
    const report = await lintMigrationSql(
      `${TIMEOUTS}-- rollgate-lint-ignore ban-drop-table\ndrop table sessions;\n/* rollgate-lint-ignore no-such-rule: because */ select 1;`,
    );
    expect(report.findings.map((f) => [f.line, f.rule])).toEqual([
      [2, 'exclusion-without-reason'],
      [3, 'ban-drop-table'],
      [4, 'exclusion-unknown-rule'],
    ]);
    expect(report.status).toBe('fail');
  });

  it('a file-wide comment and config exclusions (with reasons) apply; unused ones warn', async () => {
    const report = await lintMigrations(
      [
        {
          name: '001_a.sql',
          sql: `-- rollgate-lint-ignore-file require-lock-timeout, require-statement-timeout: run by hand off-peak\ndrop table a;\nalter table b drop column c;`,
        },
      ],
      {
        exclusions: [
          { rule: 'ban-drop-table', files: ['001_*.sql'], reason: 'a was never read' },
          { rule: 'ban-drop-column' },
          { rule: 'renaming-table', reason: 'nothing renames' },
        ],
        configName: 'rollgate-lint.json',
      },
    );
    expect(report.findings.map((f) => [f.file, f.rule])).toEqual([
      ['001_a.sql', 'ban-drop-column'],
      ['rollgate-lint.json', 'exclusion-without-reason'],
      ['rollgate-lint.json', 'unused-exclusion'],
    ]);
  });

  it('the marker inside a string literal is not a comment', async () => {
    const report = await lintMigrationSql(
      `${TIMEOUTS}select '-- rollgate-lint-ignore ban-drop-table: no'; drop table t;`,
    );
    expect(report.findings.map((f) => f.rule)).toEqual(['ban-drop-table']);
  });
});
