import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout this stack runs from: where `supabase/` and `node_modules/` live. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SUPABASE_CLI = join(PROJECT_ROOT, 'node_modules', 'supabase', 'dist', 'supabase.js');
