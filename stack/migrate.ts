import { StackError } from './config.ts';
import { PROJECT_ROOT, SUPABASE_CLI } from './paths.ts';
import { runProcess } from './run-process.ts';

/**
 * Applies `supabase/migrations` with the real Supabase CLI, which records each version in
 * `supabase_migrations.schema_migrations`, so a restart applies nothing twice.
 */
export async function applyMigrations(
  databaseUrl: string,
  workdir = PROJECT_ROOT,
): Promise<string> {
  const url = new URL(databaseUrl);
  if (!url.searchParams.has('sslmode')) url.searchParams.set('sslmode', 'disable');
  const args = [
    SUPABASE_CLI,
    'db',
    'push',
    '--db-url',
    url.toString(),
    '--yes',
    // A migration merged later with an older timestamp than the last applied one still runs.
    '--include-all',
    '--workdir',
    workdir,
  ];
  const { code, output } = await runProcess(process.execPath, args, {
    env: { ...process.env, SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
  });
  if (code !== 0) throw new StackError(`migration failed: ${summarise(output)}`);
  return output;
}

/**
 * The CLI prints the file it was applying and the server's error; say those two things on one
 * line, and never echo a connection string.
 */
export function summarise(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/postgres(ql)?:\/\//.test(l));
  const file = lines
    .filter((l) => l.startsWith('Applying migration '))
    .at(-1)
    ?.slice(19)
    .replace(/\.\.\.$/, '');
  const error = lines
    .find((l) => l.startsWith('ERROR:'))
    ?.slice(6)
    .trim();
  if (file && error) return `${file}: ${error}`;
  const meaningful = lines.filter(
    (l) => !l.startsWith('Try rerunning') && !l.startsWith('Connecting to'),
  );
  return meaningful.slice(-2).join(' ') || 'supabase db push failed';
}
