import { chmodSync, chownSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunAs } from './os-user.ts';

/** The checkout this stack runs from: where `supabase/` and `node_modules/` live. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SUPABASE_CLI = join(PROJECT_ROOT, 'node_modules', 'supabase', 'dist', 'supabase.js');

/**
 * The data directory holds the JWT secret and keys: it belongs to the user running the stack and
 * is 0700. When that user is root the server runs as `postgres`, which must still reach `pg/`
 * inside: then the directory is 0710 with the postgres group, so that user may pass through but
 * neither list it, read the keys nor replace a file in it. Applied to an existing directory too
 * (earlier versions left it 0755 and owned by the database's OS user).
 */
export function secureDataDir(path: string, dbUser: RunAs | null): void {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  if (dbUser) {
    chownSync(path, process.getuid?.() ?? 0, dbUser.gid);
    chmodSync(path, 0o710);
  } else {
    chmodSync(path, 0o700);
  }
}

/** A file the database OS user writes (its log), created 0600 for it if missing. */
export function ownedFile(path: string, owner: RunAs | null): void {
  closeSync(openSync(path, 'a', 0o600));
  if (owner) chownSync(path, owner.uid, owner.gid);
}
