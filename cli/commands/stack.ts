import { formatEnv, formatPretty } from '../../stack/banner.ts';
import { embeddedDatabaseUrl, readConfig, StackError } from '../../stack/config.ts';
import { readKeys } from '../../stack/keys.ts';
import { type Command, str } from '../command.ts';
import { EXIT, UsageError } from '../errors.ts';

const start: Command = {
  path: ['start'],
  usage: '',
  summary: 'Run the local stack (as npm start) until Ctrl+C.',
  async run() {
    // stack/main.ts is `npm start` itself: it starts, prints the banner and owns the signals.
    await import('../../stack/main.ts');
    return null;
  },
};

const status: Command = {
  path: ['status'],
  usage: '[-o env|pretty]',
  summary: 'The local stack’s URLs and keys (as npm run status).',
  options: { output: { type: 'string', short: 'o', default: 'pretty' } },
  async run({ values, out }) {
    const format = str(values.output);
    if (format !== 'env' && format !== 'pretty') {
      throw new UsageError(`unknown output format "${format}"; use -o env or -o pretty`);
    }
    const config = readConfig();
    const keys = readKeys(config.dataDir);
    if (!keys) throw new StackError(`no keys in ${config.dataDir}; run \`npm start\` first`);
    const endpoints = {
      apiUrl: `http://127.0.0.1:${config.apiPort}`,
      dbUrl: config.databaseUrl ?? embeddedDatabaseUrl(config.embeddedDbPort),
      keys,
    };
    if (out.json) {
      out.data({
        api_url: endpoints.apiUrl,
        functions_url: `${endpoints.apiUrl}/functions/v1`,
        db_url: endpoints.dbUrl,
        publishable_key: keys.publishableKey,
        secret_key: keys.secretKey,
        jwks: keys.jwks,
        jwt_secret: keys.jwtSecret,
        anon_key: keys.anonKey,
        service_role_key: keys.serviceRoleKey,
        ingest_key: keys.ingestKey,
      });
    } else out.line(format === 'env' ? formatEnv(endpoints) : formatPretty(endpoints));
    return EXIT.ok;
  },
};

export const STACK_COMMANDS: Command[] = [start, status];
