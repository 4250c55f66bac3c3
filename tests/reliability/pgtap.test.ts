import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPgtapSql, installPgtap, runTapFile } from '../support/pgtap.ts';
import { ROOT } from '../support/stack-process.ts';
import { createTestDatabase } from '../support/test-database.ts';

const TEST_DIR = join(ROOT, 'supabase', 'tests');
const FILES = readdirSync(TEST_DIR)
  .filter((f) => f.endsWith('.sql'))
  .sort();
const pgtap = findPgtapSql();
// CI installs pgTAP (.ci/run); on a workstation without it the suite says so and is skipped.
if (!pgtap && process.env.CI)
  throw new Error('pgTAP not found: apt-get install postgresql-15-pgtap');

let sql: postgres.Sql;
let total = 0;

beforeAll(async () => {
  if (!pgtap) return;
  const db = await createTestDatabase();
  // One session: each file runs as one simple-protocol script, its transaction rolled back at the end.
  sql = postgres(db.url, { max: 1, onnotice: () => {} });
  await installPgtap(sql, pgtap);
});

afterAll(async () => {
  await sql?.end({ timeout: 5 });
  if (pgtap) console.log(`pgTAP: ${FILES.length} files, ${total} assertions passed`);
});

describe.skipIf(!pgtap)('the pgTAP suite (supabase/tests)', () => {
  it.each(FILES)('%s passes', async (file) => {
    const result = await runTapFile(sql, join(TEST_DIR, file));
    expect(result.failed).toEqual([]);
    expect(result.planned).toBeGreaterThan(0);
    expect(result.passed).toHaveLength(result.planned);
    total += result.passed.length;
  });
});
