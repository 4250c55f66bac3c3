import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Which way imports may point, read from the source. At the bottom of the core, `shared/model/`
 * (row and domain types, their schemas and status lists) imports only zod and itself; the named
 * SQL statements in `shared/sql/` import only themselves, the model and npm packages; and the
 * homes depend one way: core `shared/` ← functions ← local stack ← CLI.
 */

const ROOT = resolve(import.meta.dirname, '../..');

interface Import {
  /** The importing file, relative to the repository. */
  file: string;
  specifier: string;
  /** The imported file relative to the repository; null for a package (`zod`, `node:fs`). */
  target: string | null;
}

interface Rule {
  name: string;
  /** The folder whose files the rule governs. */
  under: string;
  allows: (i: Import) => boolean;
}

const inside = (path: string | null, folder: string) => path?.startsWith(`${folder}/`) ?? false;

const RULES: Rule[] = [
  {
    name: 'shared/model imports only zod and itself',
    under: 'shared/model',
    allows: (i) => (i.target === null ? i.specifier === 'zod' : inside(i.target, 'shared/model')),
  },
  {
    name: 'shared/sql imports only itself, shared/model and packages',
    under: 'shared/sql',
    allows: (i) =>
      i.target === null || inside(i.target, 'shared/sql') || inside(i.target, 'shared/model'),
  },
  {
    name: 'shared imports nothing from the functions, the stack or the CLI',
    under: 'shared',
    allows: (i) => i.target === null || inside(i.target, 'shared'),
  },
  {
    name: 'the functions import nothing from the stack or the CLI',
    under: 'supabase/functions',
    allows: (i) => !inside(i.target, 'stack') && !inside(i.target, 'cli'),
  },
  {
    name: 'the stack imports nothing from the CLI',
    under: 'stack',
    allows: (i) => !inside(i.target, 'cli'),
  },
];

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((e) => {
    const path = `${folder}/${e.name}`;
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts)$/.test(e.name) ? [path] : [];
  });
}

/** Every import, re-export and dynamic import of a file, as the TypeScript scanner finds them. */
function importsOf(file: string): Import[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName: specifier }) => ({
    file,
    specifier,
    target: specifier.startsWith('.') ? normalize(join(dirname(file), specifier)) : null,
  }));
}

const violations = (rule: Rule, imports: readonly Import[]) =>
  imports
    .filter((i) => inside(i.file, rule.under) && !rule.allows(i))
    .map((i) => `${i.file} imports ${i.specifier}`);

const tree = RULES.flatMap((r) => sourceFiles(r.under)).filter((f, i, all) => all.indexOf(f) === i);
const imports = tree.flatMap(importsOf);

describe('the layers of the source', () => {
  it.each(RULES)('$name', (rule) => {
    // A rule over a folder with no imports found would pass whatever the code did.
    expect(imports.filter((i) => inside(i.file, rule.under)).length).toBeGreaterThan(0);
    expect(violations(rule, imports)).toEqual([]);
  });

  it('reports an import that points up, with the file and the specifier', () => {
    const up: Import[] = [
      {
        file: 'shared/sql/x.ts',
        specifier: '../rollout/types.ts',
        target: 'shared/rollout/types.ts',
      },
      { file: 'shared/model/y.ts', specifier: 'postgres', target: null },
      { file: 'shared/model/z.ts', specifier: '../sql/client.ts', target: 'shared/sql/client.ts' },
      {
        file: 'shared/rollout/a.ts',
        specifier: '../../stack/queue.ts',
        target: 'stack/queue.ts',
      },
      { file: 'stack/b.ts', specifier: '../cli/main.ts', target: 'cli/main.ts' },
    ];
    expect(RULES.flatMap((r) => violations(r, up))).toEqual([
      'shared/model/y.ts imports postgres',
      'shared/model/z.ts imports ../sql/client.ts',
      'shared/sql/x.ts imports ../rollout/types.ts',
      'shared/rollout/a.ts imports ../../stack/queue.ts',
      'stack/b.ts imports ../cli/main.ts',
    ]);
  });
});
