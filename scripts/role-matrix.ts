import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ANON_PERMISSIONS,
  ENVIRONMENT_SCOPED,
  ROLE_PERMISSIONS,
  SERVICE_PERMISSIONS,
} from '../shared/access/permissions.ts';
import { FUNCTION_NAMES } from '../shared/function-names.ts';
import { ROLLGATE_ROLES } from '../shared/model/grant.ts';
import type { Access } from '../supabase/functions/_shared/action.ts';
import { REGISTRIES } from '../tests/support/registries.ts';

const BEGIN = '<!-- role-matrix: begin (npm run docs:roles) -->';
const END = '<!-- role-matrix: end -->';
export const SECURITY_DOC = join(import.meta.dirname, '..', 'docs', 'security.md');

/** Who may call an action, as the dispatcher decides it (supabase/functions/_shared/authorize.ts). */
function cells(access: Access, action: string): string[] {
  const yes = (ok: boolean, scoped = false) => (ok ? (scoped ? 'per env' : 'yes') : '—');
  if (access === 'public') return ['yes', 'yes', ...ROLLGATE_ROLES.map(() => 'yes'), 'yes', 'yes'];
  // An ingest key sends telemetry (errors-only keys: error events) for its environment.
  const ingest =
    access !== 'ingest' ? '—' : action.startsWith('track_error') ? 'yes' : 'telemetry keys';
  const scoped = ENVIRONMENT_SCOPED.includes(access);
  const read = ANON_PERMISSIONS.includes(access);
  return [
    yes(read),
    yes(read),
    ...ROLLGATE_ROLES.map((role) => yes(read || ROLE_PERMISSIONS[role].includes(access), scoped)),
    ingest,
    yes(SERVICE_PERMISSIONS.includes(access)),
  ];
}

/** The function × action × caller table, from every action's `access` declaration. */
export function roleMatrix(): string {
  const header = [
    'function',
    'action',
    'needs',
    'anon',
    'user',
    ...ROLLGATE_ROLES,
    'ingest key',
    'secret key',
  ];
  const rows = FUNCTION_NAMES.flatMap((fn) =>
    REGISTRIES[fn].map((a) => [fn, `\`${a.name}\``, `\`${a.access}\``, ...cells(a.access, a.name)]),
  );
  const line = (r: string[]) => `| ${r.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function matrixInDoc(doc: string): string | null {
  const start = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  return start < 0 || end < start ? null : doc.slice(start + BEGIN.length, end).trim();
}

if (process.argv[1]?.endsWith('role-matrix.ts')) {
  const doc = readFileSync(SECURITY_DOC, 'utf8');
  const block = `${BEGIN}\n${roleMatrix()}\n${END}`;
  const start = doc.indexOf(BEGIN);
  const next =
    start >= 0
      ? doc.slice(0, start) + block + doc.slice(doc.indexOf(END) + END.length)
      : doc.replace(/(## Roles and access\n)/, `$1\n${block}\n`);
  writeFileSync(SECURITY_DOC, next);
  console.log(`role matrix written to ${SECURITY_DOC}`);
}
