/**
 * A hosted Supabase project's identity for the hosted-parity run: its ref, ports on 127.0.0.1,
 * database passwords, and the keys a project has (an ES256 signing key whose public half is
 * SUPABASE_JWKS, `sb_publishable_…` / `sb_secret_…` API keys, the legacy HS256 secret that signs the
 * anon and service_role JWTs). Written once into the run's secrets directory (mode 0600 files);
 * the other scripts read `project.json`. Nothing here is printed.
 *
 *   node --import tsx hosted/project.ts <secrets dir> <pg-net-and-pooler dir>
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { FUNCTION_NAMES, type FunctionName } from '../shared/function-names.ts';

export interface HostedProject {
  ref: string;
  ports: {
    db: number;
    pooler: number;
    gateway: number;
    slack: number;
    managementApi: number;
    functions: Record<FunctionName, number>;
  };
  passwords: { supabase_admin: string; postgres: string; authenticator: string };
  urls: {
    /** `postgres` on the direct port: what `supabase db push` and `rollgate setup` use. */
    db: string;
    /** `postgres` through PgBouncer in transaction mode: the functions' SUPABASE_DB_URL. */
    pooler: string;
    /** The bootstrap superuser: only the platform's own set-up uses it. */
    admin: string;
    /** SUPABASE_URL: the gateway stand-in. */
    gateway: string;
    functions: string;
    slack: { normal: string; emergency: string };
  };
  keys: {
    publishable: string;
    secret: string;
    jwks: { keys: JWK[] };
    signingKey: JWK;
    legacyJwtSecret: string;
    anon: string;
    serviceRole: string;
  };
  /** Function secrets the README tells users to set (`supabase secrets set`). */
  secrets: Record<string, string>;
}

export function readProject(secretsDir: string): HostedProject {
  return JSON.parse(readFileSync(join(secretsDir, 'project.json'), 'utf8')) as HostedProject;
}

/** Supabase's new key format: prefix, 22 random base64url characters, `_`, an 8-character check. */
export function apiKey(prefix: 'sb_publishable_' | 'sb_secret_'): string {
  const body = randomBytes(16).toString('base64url');
  const check = createHash('sha256')
    .update(prefix + body)
    .digest('base64url')
    .slice(0, 8);
  return `${prefix}${body}_${check}`;
}

async function freePort(preferred?: number): Promise<number> {
  const listen = (port: number) =>
    new Promise<number>((resolvePort, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        const got = typeof address === 'object' && address ? address.port : port;
        server.close(() => resolvePort(got));
      });
    });
  if (preferred) {
    try {
      return await listen(preferred);
    } catch {
      // taken: any free port will do
    }
  }
  return listen(0);
}

const password = () => randomBytes(24).toString('base64url');

async function legacyKey(role: 'anon' | 'service_role', ref: string, secret: string) {
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: 'supabase', ref, role })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(iat)
    .setExpirationTime(iat + 10 * 365 * 24 * 3600)
    .sign(new TextEncoder().encode(secret));
}

export async function createProject(secretsDir: string, runDir: string): Promise<HostedProject> {
  const ref = Array.from(randomBytes(20), (b) => String.fromCharCode(97 + (b % 26))).join('');
  const used = new Set<number>();
  const port = async (preferred?: number) => {
    let p = await freePort(preferred);
    while (used.has(p)) p = await freePort();
    used.add(p);
    return p;
  };
  const db = await port();
  const pooler = await port(6543);
  const gateway = await port();
  const slack = await port();
  const managementApi = await port();
  const functions = {} as Record<FunctionName, number>;
  for (const name of FUNCTION_NAMES) functions[name] = await port();

  const passwords = { supabase_admin: password(), postgres: password(), authenticator: password() };
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const meta = { kid: randomBytes(8).toString('hex'), alg: 'ES256', use: 'sig' };
  const legacyJwtSecret = randomBytes(32).toString('base64url');
  const gatewayUrl = `http://127.0.0.1:${gateway}`;
  const project: HostedProject = {
    ref,
    ports: { db, pooler, gateway, slack, managementApi, functions },
    passwords,
    urls: {
      db: `postgresql://postgres:${passwords.postgres}@127.0.0.1:${db}/postgres`,
      pooler: `postgresql://postgres:${passwords.postgres}@127.0.0.1:${pooler}/postgres`,
      admin: `postgresql://supabase_admin:${passwords.supabase_admin}@127.0.0.1:${db}/postgres`,
      gateway: gatewayUrl,
      functions: `${gatewayUrl}/functions/v1`,
      slack: {
        normal: `http://127.0.0.1:${slack}/services/T0ROLLGATE/B0DEPLOYS/${randomBytes(12).toString('hex')}`,
        emergency: `http://127.0.0.1:${slack}/services/T0ROLLGATE/B0EMERGENCY/${randomBytes(12).toString('hex')}`,
      },
    },
    keys: {
      publishable: apiKey('sb_publishable_'),
      secret: apiKey('sb_secret_'),
      jwks: { keys: [{ ...(await exportJWK(publicKey)), ...meta }] },
      signingKey: { ...(await exportJWK(privateKey)), ...meta },
      legacyJwtSecret,
      anon: await legacyKey('anon', ref, legacyJwtSecret),
      serviceRole: await legacyKey('service_role', ref, legacyJwtSecret),
    },
    secrets: {},
  };
  // README, "Deploying to hosted Supabase", step 1 (`supabase secrets set …`).
  project.secrets = {
    ROLLGATE_WEBHOOK_SECRET: randomBytes(32).toString('base64'),
    ROLLGATE_AUDIT_KEY: randomBytes(32).toString('base64'),
    SLACK_WEBHOOK_URL: project.urls.slack.normal,
    SLACK_EMERGENCY_WEBHOOK: project.urls.slack.emergency,
  };
  const secret = (name: string, text: string) =>
    writeFileSync(join(secretsDir, name), text, { mode: 0o600 });
  secret('project.json', `${JSON.stringify(project, null, 2)}\n`);
  secret('initdb.pw', `${passwords.supabase_admin}\n`);
  secret(
    'pgpass',
    [
      `127.0.0.1:${db}:*:supabase_admin:${passwords.supabase_admin}`,
      `127.0.0.1:${db}:*:postgres:${passwords.postgres}`,
      `127.0.0.1:${pooler}:*:postgres:${passwords.postgres}`,
      '',
    ].join('\n'),
  );
  secret(
    'platform-vars.sql',
    `\\set postgres_password '${passwords.postgres}'\n\\set authenticator_password '${passwords.authenticator}'\n`,
  );
  // Hosted puts Supavisor in transaction mode on 6543 in front of the database; PgBouncer plays it.
  secret('pgbouncer-users.txt', `"postgres" "${passwords.postgres}"\n`);
  secret(
    'pgbouncer.ini',
    [
      '[databases]',
      `postgres = host=127.0.0.1 port=${db} dbname=postgres`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${pooler}`,
      'unix_socket_dir =',
      'auth_type = scram-sha-256',
      `auth_file = ${join(secretsDir, 'pgbouncer-users.txt')}`,
      'pool_mode = transaction',
      'max_client_conn = 400',
      'default_pool_size = 20',
      'ignore_startup_parameters = extra_float_digits',
      `logfile = ${join(runDir, 'logs', 'pgbouncer.log')}`,
      `pidfile = ${join(runDir, 'pgbouncer.pid')}`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(secretsDir, 'ports.env'),
    [
      `project_ref=${ref}`,
      `db_port=${db}`,
      `pooler_port=${pooler}`,
      `gateway_port=${gateway}`,
      `slack_port=${slack}`,
      `management_api_port=${managementApi}`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return project;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [secretsDir, runDir] = process.argv.slice(2);
  if (!secretsDir || !runDir) {
    console.error('usage: hosted/project.ts <secrets dir> <run dir>');
    process.exit(2);
  }
  await createProject(secretsDir, runDir);
}
