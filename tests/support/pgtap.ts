import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from '../../shared/sql/client.ts';

/**
 * pgTAP's SQL from Debian's `postgresql-15-pgtap` (installed by .ci/run): pure SQL, so the same
 * script loads into the embedded PostgreSQL 17, which ships no pgTAP of its own.
 */
export function findPgtapSql(): string | null {
  if (process.env.ROLLGATE_PGTAP_SQL) return process.env.ROLLGATE_PGTAP_SQL;
  const root = '/usr/share/postgresql';
  if (!existsSync(root)) return null;
  for (const version of readdirSync(root).sort().reverse()) {
    const file = join(root, version, 'extension', 'pgtap.sql');
    if (existsSync(file)) return file;
  }
  return null;
}

/** Loads pgTAP into schema `extensions` (where Supabase puts extensions) as plain SQL. */
export async function installPgtap(sql: Pool, file: string): Promise<void> {
  await sql.unsafe(`set search_path = extensions;\n${readFileSync(file, 'utf8')}`);
}

export interface TapResult {
  planned: number;
  passed: string[];
  failed: string[];
}

/** Runs one pgTAP test file (what pg_prove hands psql) and reads the TAP lines it selects. */
export async function runTapFile(sql: Pool, file: string): Promise<TapResult> {
  const results = (await sql.unsafe(readFileSync(file, 'utf8'))) as unknown[][];
  const lines = results
    .flat()
    .flatMap((row) => Object.values(row as Record<string, unknown>))
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split('\n'));
  const plan = lines.find((l) => /^1\.\.\d+$/.test(l));
  const failed: string[] = [];
  lines.forEach((line, i) => {
    if (!line.startsWith('not ok')) return;
    let end = i + 1;
    while (lines[end]?.startsWith('#')) end += 1;
    failed.push(lines.slice(i, end).join('\n'));
  });
  return {
    planned: plan ? Number(plan.slice(3)) : 0,
    passed: lines.filter((l) => /^ok \d+/.test(l)),
    failed,
  };
}
