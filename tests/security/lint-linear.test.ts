import { describe, expect, it } from 'vitest';
import { lintMigrationSql } from '../../shared/migration-lint/lint.ts';

/**
 * Issue 12, point 6: a 200,000-character migration used to block every function for 12 s (the
 * regex splitter was quadratic). Linting must be linear: the time per character of a large
 * migration stays close to that of a small one, for every shape a migration can take. Measured
 * as a ratio in the same run, never as a wall-clock bound.
 */
const SHAPES: Record<string, (n: number) => string> = {
  'many small statements': (n) =>
    Array.from(
      { length: n },
      (_, i) =>
        `alter table t${i % 40} add column c${i} text default 'x';\ncreate index i${i} on t (a) where b > ${i};\n`,
    ).join(''),
  'one huge statement': (n) =>
    `insert into t (a, b) values ${Array.from({ length: n * 2 }, (_, i) => `(${i}, 'v;${i}')`).join(', ')};`,
  'a long function body and comments': (n) =>
    `create function f() returns void language plpgsql as $$ begin ${'perform 1; -- drop table x;\n'.repeat(n * 3)} end $$;\n${'/* nested /* comment */ ; */\n'.repeat(n)}`,
  'statements the parser refuses': (n) =>
    Array.from({ length: n }, (_, i) => `alter tble t${i} add x int;\nselect ${i};\n`).join(''),
};

async function nsPerChar(sql: string): Promise<number> {
  const runs: number[] = [];
  for (let r = 0; r < 3; r++) {
    const started = performance.now();
    await lintMigrationSql(sql);
    runs.push(((performance.now() - started) * 1e6) / sql.length);
  }
  // The best of three: a pause of the shared machine only ever adds time.
  return Math.min(...runs);
}

describe('linting time grows linearly with the migration', () => {
  for (const [shape, make] of Object.entries(SHAPES)) {
    it(`${shape}: a 10× larger migration costs about the same per character`, async () => {
      const small = make(400);
      const large = make(4000);
      await lintMigrationSql(small); // load the parser and warm up
      const ratio = (await nsPerChar(large)) / (await nsPerChar(small));
      expect(large.length).toBeGreaterThan(100_000);
      // Linear gives ~1; the old quadratic splitter gave ~10 at this size ratio.
      expect(ratio).toBeLessThan(3);
    });
  }

  it('a 200,000-character migration with findings is linted, not refused or stalled', async () => {
    const sql = SHAPES['many small statements']?.(2200) ?? '';
    expect(sql.length).toBeGreaterThan(200_000);
    const report = await lintMigrationSql(sql);
    expect(report.statements).toBe(4400);
    expect(
      report.findings.filter((f) => f.rule === 'require-concurrent-index-creation'),
    ).toHaveLength(2200);
  });
});
