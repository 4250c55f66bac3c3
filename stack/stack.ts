import { type ServerType, serve } from '@hono/node-server';
import { consoleLogger, type Logger } from '../shared/log.ts';
import { createSql } from '../shared/sql/connect.ts';
import { depsFromEnv } from '../supabase/functions/_shared/env.ts';
import { installSupabaseCompat } from './bootstrap.ts';
import type { StackConfig } from './config.ts';
import { openDatabase, type StackDatabase } from './database.ts';
import { createGateway } from './gateway.ts';
import { loadOrCreateKeys, type StackKeys } from './keys.ts';
import { registerLocalIngestKey } from './local-ingest-key.ts';
import { applyMigrations } from './migrate.ts';
import { secureDataDir } from './paths.ts';
import { assertPortFree } from './ports.ts';
import { startQueue } from './queue.ts';
import { startWebhookRelay } from './webhook-relay.ts';

export interface RunningStack {
  apiUrl: string;
  dbUrl: string;
  keys: StackKeys;
  stop(): Promise<void>;
}

/**
 * Starts everything `npm start` runs: the database (embedded unless DATABASE_URL), Supabase's
 * roles and auth helpers where missing, the migrations, and one HTTP server for all functions.
 * On any failure what was already started is stopped again before the error propagates.
 */
export async function startStack(
  config: StackConfig,
  log: Logger = consoleLogger,
): Promise<RunningStack> {
  await assertPortFree(config.apiPort, 'API', 'ROLLGATE_PORT');
  const keys = await loadOrCreateKeys(ensureDataDir(config.dataDir));
  const stoppers: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stoppers.reverse())
      await stop().catch((err) => log('warn', 'stop_failed', { error: String(err) }));
    stoppers.length = 0;
  };
  try {
    const db: StackDatabase = await openDatabase(config);
    stoppers.push(db.stop);
    await installSupabaseCompat(db.url);
    await applyMigrations(db.url);

    // The embedded PostgreSQL is a direct connection: prepared statements and pipelining are safe.
    // A DATABASE_URL may name a transaction pooler (Supavisor, PgBouncer), so it gets the
    // pooler-safe client, as the deployed functions do.
    const sql = createSql(db.url, { max: 10, direct: config.databaseUrl === null });
    stoppers.push(() => sql.end({ timeout: 5 }));
    await registerLocalIngestKey(sql, keys.ingestKey);
    const apiUrl = `http://127.0.0.1:${config.apiPort}`;
    // What hosted Supabase gives every function, over the operator's own environment.
    const provided: Record<string, string> = {
      SUPABASE_URL: apiUrl,
      SUPABASE_DB_URL: db.url,
      SUPABASE_JWKS: JSON.stringify(keys.jwks),
      SUPABASE_PUBLISHABLE_KEYS: JSON.stringify({ default: keys.publishableKey }),
      SUPABASE_SECRET_KEYS: JSON.stringify({ default: keys.secretKey }),
      SUPABASE_ANON_KEY: keys.anonKey,
      SUPABASE_SERVICE_ROLE_KEY: keys.serviceRoleKey,
      // `supabase start` still verifies legacy HS256 sessions; so does the local stack.
      ROLLGATE_LEGACY_JWT_SECRET: keys.jwtSecret,
      ROLLGATE_WEBHOOK_SECRET: keys.webhookSecret,
    };
    const env = (key: string) => provided[key] ?? process.env[key];
    const gateway = createGateway(depsFromEnv(env, { sql, log }));
    const server = await listen(gateway.fetch, config.apiPort);
    stoppers.push(() => closeServer(server));
    // Slack webhooks are secrets: read from the environment, never logged or stored.
    const slack = {
      default: process.env.SLACK_WEBHOOK_URL,
      emergency: process.env.SLACK_EMERGENCY_WEBHOOK,
    };
    const workerContext = {
      sql,
      supabaseUrl: apiUrl,
      env,
      webhookSecret: keys.webhookSecret,
      slack,
    };
    const queue = await startQueue(db.url, workerContext, log);
    stoppers.push(queue.stop);
    const relay = await startWebhookRelay(
      db.url,
      `${apiUrl}/functions/v1/deploy-orchestrator`,
      keys.secretKey,
      log,
    );
    stoppers.push(relay.stop);
    return { apiUrl, dbUrl: db.url, keys, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/** The keys live here: 0700 (the embedded database, when started, opens it to its OS user). */
function ensureDataDir(dir: string): string {
  secureDataDir(dir, null);
  return dir;
}

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
): Promise<ServerType> {
  return new Promise((resolvePromise, reject) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' }, () => resolvePromise(server));
    server.once('error', reject);
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolvePromise) => {
    server.close(() => resolvePromise());
    // Keep-alive sockets would hold close() open; nothing in flight matters at shutdown.
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}
