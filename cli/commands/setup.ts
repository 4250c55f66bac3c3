import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { callTargetReady, storeCallTarget } from '../../shared/setup/credential.ts';
import { enableExtensions } from '../../shared/setup/extensions.ts';
import { installSchedules } from '../../shared/setup/schedules.ts';
import { redactUrl, StackError } from '../../stack/config.ts';
import { applyMigrations } from '../../stack/migrate.ts';
import { type Command, str } from '../command.ts';
import { EXIT, UsageError } from '../errors.ts';

/**
 * `rollgate setup`: everything a hosted Supabase project needs besides `supabase functions
 * deploy`, in one idempotent command — pg_cron and pg_net enabled, the migrations pushed with
 * the Supabase CLI, the functions' URL and the calling key stored where only the database owner
 * reads them (Vault, else an owner-only table), the pg_cron schedules created from the job
 * registry (they and the deployment_audit webhook call the functions through pg_net), and the
 * function secrets to set printed.
 */
export const setup: Command = {
  path: ['setup'],
  usage:
    '--db-url <postgres url> (--project-ref <ref> | --functions-url <url>) [--secret-key <sb_secret_…>]',
  summary: 'Set up a hosted Supabase project: extensions, migrations, schedules, webhook.',
  options: {
    'db-url': { type: 'string' },
    'project-ref': { type: 'string' },
    'functions-url': { type: 'string' },
    'secret-key': { type: 'string' },
  },
  async run({ values, out }) {
    const dbUrl = str(values['db-url']) ?? process.env.SUPABASE_DB_URL;
    if (!dbUrl) throw new UsageError('--db-url is required (or set SUPABASE_DB_URL)');
    const functionsUrl = functionsUrlOf(str(values['functions-url']), str(values['project-ref']));
    // Prefer the environment: a key on the command line is visible to every user in `ps`.
    const key = str(values['secret-key']) ?? process.env.SUPABASE_SECRET_KEY;
    if (!key?.startsWith('sb_secret_')) {
      throw new UsageError(
        'the key pg_cron calls the functions with must be a secret key (sb_secret_…): set SUPABASE_SECRET_KEY or pass --secret-key',
      );
    }
    const sql = postgres(dbUrl, {
      max: 1,
      prepare: false,
      onnotice: () => {},
      connect_timeout: 10,
    });
    try {
      await sql`select 1`.catch((err: Error) => {
        throw new StackError(`cannot reach ${redactUrl(dbUrl)}: ${err.message}`);
      });
      const enabled = await enableExtensions(sql);
      out.line(
        `extensions: ${enabled.length ? `enabled ${enabled.join(', ')}` : 'pg_cron and pg_net present'}`,
      );
      await applyMigrations(dbUrl);
      out.line('migrations: pushed with supabase db push');
      const where = await storeCallTarget(sql, { functionsUrl, key });
      out.line(
        `credential: stored in ${where === 'vault' ? 'Supabase Vault' : 'rollgate_private.settings (owner only)'}`,
      );
      const schedules = await installSchedules(sql);
      out.line(
        `schedules: ${schedules.jobs.length} in cron.job (${schedules.scheduled.length} created or changed, ${schedules.unscheduled.length} removed)`,
      );
      if (!(await callTargetReady(sql)))
        throw new StackError('the database cannot call the functions yet');
      out.line(
        `webhook: deployment_audit inserts are posted to ${functionsUrl}/deploy-orchestrator`,
      );
      out.line('');
      out.line('Function secrets (set once; `supabase secrets set` keeps them across deploys):');
      out.line(
        `  supabase secrets set ROLLGATE_WEBHOOK_SECRET=${randomBytes(32).toString('base64url')} ROLLGATE_AUDIT_KEY=${randomBytes(32).toString('base64url')}`,
      );
      out.line('  supabase secrets set SLACK_WEBHOOK_URL=… SLACK_EMERGENCY_WEBHOOK=…   # optional');
      out.line('Then: supabase functions deploy');
      return EXIT.ok;
    } finally {
      await sql.end({ timeout: 5 });
    }
  },
};

function functionsUrlOf(url: string | undefined, ref: string | undefined): string {
  if (url && ref) throw new UsageError('pass --functions-url or --project-ref, not both');
  if (ref) {
    if (!/^[a-z0-9]{20}$/.test(ref))
      throw new UsageError(
        `--project-ref "${ref}" is not a Supabase project ref (20 letters and digits)`,
      );
    return `https://${ref}.supabase.co/functions/v1`;
  }
  if (!url) throw new UsageError('--project-ref or --functions-url is required');
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('scheme');
  } catch {
    throw new UsageError(`--functions-url "${url}" is not an http(s) URL`);
  }
  return url.replace(/\/+$/, '');
}
