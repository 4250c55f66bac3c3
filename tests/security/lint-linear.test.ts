import { describe, expect, it } from 'vitest';
import { lintMigrationSql } from '../../shared/migration-lint/lint.ts';

/**
 * Issue 12, point 6: a 200,000-character migration used to block every function for 12 s (the
 * regex splitter was quadratic). Linting must be linear: the time per character of a large
 * migration stays close to that of a small one, for every shape a migration can take. Measured
 * as a ratio in the same run, never as a wall-clock bound.
 */
/** Each shape and the size of its small case (≥ 40 kB, so fixed costs do not dominate). */
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

const SMALL: Record<string, number> = {
  'many small statements': 400,
  'one huge statement': 2000,
  'a long function body and comments': 1000,
  'statements the parser refuses': 600,
};

async function nsPerChar(sql: string): Promise<number> {
  // The best of several runs (at least three, and at least 300 ms of them): a pause of the shared
  // machine only ever adds time, and a fast case gets enough runs to see one undisturbed.
  const runs: number[] = [];
  const started = performance.now();
  while (runs.length < 3 || (performance.now() - started < 300 && runs.length < 50)) {
    const t = performance.now();
    await lintMigrationSql(sql);
    runs.push(((performance.now() - t) * 1e6) / sql.length);
  }
  return Math.min(...runs);
}

describe('linting time grows linearly with the migration', () => {
  for (const [shape, make] of Object.entries(SHAPES)) {
    it(`${shape}: a 10× larger migration costs about the same per character`, async () => {
      const small = make(SMALL[shape] ?? 400);
      const large = make((SMALL[shape] ?? 400) * 10);
      await lintMigrationSql(small); // load the parser and warm up
      const ratio = (await nsPerChar(large)) / (await nsPerChar(small));
      expect(large.length).toBeGreaterThan(100_000);
      // Linear gives ~1 (up to ~1.5 from the garbage collector on a larger heap, more when other
      // suites share the cores); quadratic gives ~10 at this size ratio (the old splitter: 8.4).
      expect(ratio).toBeLessThan(4);
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
