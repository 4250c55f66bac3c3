/**
 * Migration lint throughput (`npm run bench:lint`): a 1 MiB migration must lint in under a
 * second. Baselines measured in the same run: PostgreSQL's parser alone on the same SQL (what the
 * lint adds on top of parsing) and a 10 KiB migration (time per character: linearity).
 */
import { loadModule, parseSync } from 'libpg-query';
import { lintMigrationSql } from '../shared/migration-lint/lint.ts';

const TARGET = 1024 * 1024;

/** A DDL-dense migration: every statement is one the rules look at closely. */
function migration(chars: number): string {
  const parts: string[] = ["set lock_timeout = '5s';\nset statement_timeout = '1min';\n"];
  let size = parts[0]?.length ?? 0;
  for (let i = 0; size < chars; i++) {
    const statement = [
      `create table if not exists public.t${i} (id bigint generated always as identity primary key, note text, at timestamptz default now());`,
      `alter table public.orders add column c${i} text default 'x', alter column total set not null;`,
      `create index concurrently if not exists orders_c${i} on public.orders (c${i}) where total > ${i};`,
      `update public.orders set c${i} = 'y' where id = ${i};`,
      `-- rollgate-lint-ignore ban-drop-column: column c${i} was never read by any release`,
      `alter table public.orders drop column if exists c${i};`,
    ][i % 6];
    parts.push(`${statement}\n`);
    size += (statement?.length ?? 0) + 1;
  }
  return parts.join('');
}

async function median(runs: number, f: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await f();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] as number;
}

await loadModule();
const big = migration(TARGET);
const small = migration(10 * 1024);
await lintMigrationSql(small);
const lintBig = await median(5, () => lintMigrationSql(big));
const parseBig = await median(5, () => parseSync(big));
const lintSmall = await median(21, () => lintMigrationSql(small));
const report = await lintMigrationSql(big);
const perChar = lintBig / big.length / (lintSmall / small.length);
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
console.log(`| measure | result | goal |
| --- | --- | --- |
| lint a ${(big.length / 1024 / 1024).toFixed(2)} MiB migration (${report.statements.toLocaleString('en')} statements, ${report.findings.length.toLocaleString('en')} findings), median of 5 | **${fmt(lintBig)}** | < 1 s |
| lint / PostgreSQL parser alone on the same SQL (${fmt(parseBig)}) | **${(lintBig / parseBig).toFixed(2)}×** | — |
| time per character, 1 MiB / 10 KiB migration (${fmt(lintSmall)} for 10 KiB) | **${perChar.toFixed(2)}** | ≈ 1 (linear) |`);
