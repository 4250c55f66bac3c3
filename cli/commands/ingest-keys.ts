import { sdkEnvironment } from '../../shared/telemetry/sdk-environment.ts';
import { type Command, defined, str } from '../command.ts';
import { EXIT } from '../errors.ts';

const create: Command = {
  path: ['ingest-keys', 'create'],
  usage: '<name> --scope telemetry|errors [--environment <env>]',
  summary:
    'Create an ingest key (admin); prints it once, with SENTRY_DSN and OTEL_EXPORTER_OTLP_* for it.',
  positionals: ['name'],
  options: { scope: { type: 'string' }, environment: { type: 'string' } },
  async run(ctx) {
    const [name] = ctx.positionals;
    const api = ctx.api();
    const r = await api.call(
      'deploy-orchestrator',
      {
        action: 'create_ingest_key',
        name,
        ...defined({ scope: str(ctx.values.scope), environment: str(ctx.values.environment) }),
      },
      { name: '<name>', scope: '--scope', environment: '--environment' },
    );
    const sdk = sdkEnvironment(`${api.url}/functions/v1`, r.key);
    ctx.out.result({ ...r, sdk_environment: Object.fromEntries(sdk) }, () => {
      ctx.out.line(
        `# ingest key "${r.name}" (${r.scope}, environment ${r.environment}): shown once`,
      );
      ctx.out.line(`ROLLGATE_INGEST_KEY=${r.key}`);
      for (const [variable, value] of sdk) ctx.out.line(`${variable}=${value}`);
    });
    return EXIT.ok;
  },
};

const list: Command = {
  path: ['ingest-keys', 'list'],
  usage: '',
  summary: 'Every ingest key: name, scope, environment, creator, revoked or not (admin).',
  async run(ctx) {
    const r = await ctx.api().call('deploy-orchestrator', { action: 'list_ingest_keys' });
    ctx.out.result(r, () => {
      ctx.out.table([
        ['NAME', 'SCOPE', 'ENV', 'CREATED BY', 'CREATED', 'REVOKED'],
        ...r.keys.map((k) => [
          k.name,
          k.scope,
          k.environment,
          k.created_by,
          k.created_at,
          k.revoked_at ?? '-',
        ]),
      ]);
    });
    return EXIT.ok;
  },
};

const revoke: Command = {
  path: ['ingest-keys', 'revoke'],
  usage: '<name>',
  summary: 'Revoke an ingest key: refused (401) from then on (admin).',
  positionals: ['name'],
  async run({ api, out, positionals: [name] }) {
    const r = await api().call(
      'deploy-orchestrator',
      { action: 'revoke_ingest_key', name },
      { name: '<name>' },
    );
    out.result(r, () => {
      out.line(`${r.name}: ${r.changed ? 'revoked' : 'unchanged (unknown or already revoked)'}`);
    });
    return EXIT.ok;
  },
};

export const INGEST_KEY_COMMANDS: Command[] = [create, list, revoke];
