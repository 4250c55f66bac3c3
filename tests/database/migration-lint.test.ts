import { describe, expect, it } from 'vitest';
import { lintMigrationSql, lintMigrations } from '../../shared/migration-lint/lint.ts';
import { splitStatements } from '../../shared/migration-lint/split-statements.ts';

const TIMEOUT = "set lock_timeout = '5s';\n";
const rules = (sql: string) => lintMigrationSql(TIMEOUT + sql).findings.map((f) => f.rule);

describe('splitting a migration into statements', () => {
  it('keeps semicolons inside strings, identifiers, dollar quotes and comments', () => {
    const sql = [
      "insert into t values ('a;b', E'c\\';d');",
      'create function f() returns int language sql as $body$ select 1; $body$;',
      '-- a comment; with a semicolon',
      '/* block /* nested; */ still comment; */ select "odd;name" from t;',
    ].join('\n');
    const statements = splitStatements(sql);
    expect(statements.map((s) => s.line)).toEqual([1, 2, 4]);
    expect(statements[0]?.text).toBe("insert into t values ('a;b', E'c\\';d')");
    expect(statements[0]?.code).toBe("insert into t values ('', E'')");
    expect(statements[1]?.code).toBe('create function f() returns int language sql as $$ $$');
    expect(statements[2]?.text).toBe('select "odd;name" from t');
  });

  it('counts lines from the first token, after leading blank lines and comments', () => {
    const statements = splitStatements('\n\n-- why\n\nalter table t\n  drop column c;\n');
    expect(statements).toEqual([
      { line: 5, text: 'alter table t drop column c', code: 'alter table t drop column c' },
    ]);
  });
});

describe('linting a migration', () => {
  it('flags an index built without CONCURRENTLY, with line and safe alternative', () => {
    const report = lintMigrationSql(
      `${TIMEOUT}\ncreate index orders_user on public.orders (user_id);`,
    );
    expect(report.status).toBe('fail');
    expect(report.findings).toEqual([
      {
        line: 3,
        rule: 'index-without-concurrently',
        severity: 'error',
        message:
          'orders: CREATE INDEX without CONCURRENTLY blocks every write to the table while the index builds.',
        safe_alternative:
          'CREATE INDEX CONCURRENTLY, in a migration of its own: if it fails it leaves an INVALID index to drop before retrying.',
        statement: 'create index orders_user on public.orders (user_id)',
      },
    ]);
    expect(rules('create index concurrently orders_user on orders (user_id);')).toEqual([]);
  });

  it('flags a NOT NULL column without default, but not one with a default', () => {
    expect(rules('alter table users add column plan text not null;')).toEqual([
      'add-column-not-null-without-default',
    ]);
    expect(rules("alter table users add column plan text not null default 'free';")).toEqual([]);
    expect(rules('alter table users add column plan text;')).toEqual([]);
  });

  it('flags SET NOT NULL, type changes, drops and renames, one finding per action', () => {
    const sql = [
      'alter table users alter column email set not null, alter column age type bigint;',
      'alter table users drop column nickname, drop constraint users_age_check;',
      'alter table users rename column name to full_name;',
      'alter table users rename to customers;',
      'drop table if exists sessions, tokens;',
    ].join('\n');
    const report = lintMigrationSql(TIMEOUT + sql);
    expect(report.findings.map((f) => [f.line, f.rule, f.message.split(':')[0]])).toEqual([
      [2, 'set-not-null', 'users.email'],
      [2, 'change-column-type', 'users.age'],
      [3, 'drop-column', 'users.nickname'],
      [4, 'rename-column', 'users.name'],
      [5, 'rename-table', 'users'],
      [6, 'drop-table', 'sessions'],
      [6, 'drop-table', 'tokens'],
    ]);
  });

  it('flags FOREIGN KEY and CHECK constraints unless added NOT VALID', () => {
    expect(
      rules(
        'alter table orders add constraint orders_user_fk foreign key (user_id) references users (id);',
      ),
    ).toEqual(['constraint-without-not-valid']);
    expect(rules('alter table orders add check (total >= 0);')).toEqual([
      'constraint-without-not-valid',
    ]);
    expect(
      rules('alter table orders add constraint positive check (total >= 0) not valid;'),
    ).toEqual([]);
    expect(rules('alter table orders validate constraint positive;')).toEqual([]);
  });

  it('asks for lock_timeout once, before the first statement that locks an existing table', () => {
    const report = lintMigrationSql(
      'create table fresh (id int);\nalter table users add column a int;\nalter table users add column b int;',
    );
    expect(report.status).toBe('warn');
    expect(report.findings.map((f) => [f.line, f.rule, f.severity])).toEqual([
      [2, 'missing-lock-timeout', 'warning'],
    ]);
    expect(
      lintMigrationSql("set local lock_timeout to '2s'; alter table users add a int;").findings,
    ).toEqual([]);
    expect(
      lintMigrationSql('set lock_timeout = 0; alter table users add a int;').findings,
    ).toHaveLength(1);
  });

  it('exempts tables created earlier in the same migration batch', () => {
    const report = lintMigrations([
      { name: '001_create.sql', sql: 'create table public.widgets (id int, name text);' },
      {
        name: '002_shape.sql',
        sql: 'create index on widgets (name);\nalter table widgets alter column name set not null;',
      },
      { name: '003_old.sql', sql: 'alter table gadgets drop column colour;' },
    ]);
    expect(report.statements).toBe(4);
    expect(report.findings.map((f) => [f.file, f.line, f.rule])).toEqual([
      ['003_old.sql', 1, 'missing-lock-timeout'],
      ['003_old.sql', 1, 'drop-column'],
    ]);
  });

  it('ignores DDL words inside strings, comments and function bodies', () => {
    const sql = [
      "comment on table users is 'we never drop table users';",
      '-- alter table users drop column email;',
      'create function purge() returns void language plpgsql as $$ begin drop table scratch; end $$;',
    ].join('\n');
    expect(lintMigrationSql(sql)).toEqual({ status: 'pass', findings: [], statements: 2 });
  });

  it('reads quoted and schema-qualified names as PostgreSQL resolves them', () => {
    const report = lintMigrations([
      { name: 'a.sql', sql: 'create table "Accounts" (id int);' },
      {
        name: 'b.sql',
        sql: 'create index on public."Accounts" (id);\ncreate index on accounts (id);',
      },
    ]);
    expect(report.findings.map((f) => [f.line, f.rule, f.message.split(':')[0]])).toEqual([
      [
        2,
        'missing-lock-timeout',
        'A DDL lock waiting behind a long transaction blocks every query queued after it, with no limit.',
      ],
      [2, 'index-without-concurrently', 'accounts'],
    ]);
  });
});
