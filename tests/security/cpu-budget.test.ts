import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-error.ts';
import { lintMigrationSql } from '../../shared/migration-lint/lint.ts';

/**
 * Issue 12, "no request can starve the others": besides the linear lint and the depth limit, a
 * lint request carries a CPU budget (LINT_CPU_BUDGET_MS) and stops with a 422 once it is spent,
 * so no migration holds the function past hosted's 2 s per request. That the largest admitted
 * migration fits the budget, and how much the largest requests slow everybody else, are measured
 * by `npm run bench:starvation` (BENCHMARKS.md), not timed here.
 */
const statements = (n: number) =>
  Array.from({ length: n }, (_, i) => `alter table t${i % 40} add column c${i} text;\n`).join('');

describe('a CPU budget per lint', () => {
  it('stops a lint whose budget is spent, naming where it stopped', async () => {
    const failure = await lintMigrationSql(statements(20_000), { budgetMs: 0 }).catch((e) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ status: 422, code: 'lint_budget_exceeded' });
    expect(failure.details).toMatchObject({ budget_ms: 0, statements: 20_000 });
  });
});
