import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { JWK } from 'jose';
import { afterAll } from 'vitest';
import { createRollgateClient } from '../../shared/client/client.ts';
import { consoleLogger, silentLogger } from '../../shared/log.ts';
import { createGateway } from '../../stack/gateway.ts';
import { apiKey, newSigningKey, signRoleKey } from '../../stack/keys.ts';
import { type AuthConfig, createVerifier } from '../../supabase/functions/_shared/auth.ts';
import { checkAgainstContract } from './contract-check.ts';
import type { TestDatabase } from './test-database.ts';

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface TestApi {
  url: string;
  anonKey: string;
  serviceKey: string;
  /** The project's new-format keys and the private half of its JWKS (to sign user JWTs). */
  publishableKey: string;
  secretKey: string;
  signingKey: JWK;
  /** POST {action, ...} to a function through real HTTP; returns status and parsed body. */
  call(
    fn: string,
    body: unknown,
    options?: { token?: string | null; headers?: Record<string, string> },
  ): Promise<ApiReply>;
}

export interface ApiReply {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON paths, as jq does
  body: any;
}

/** The local stack's gateway over real HTTP on an ephemeral loopback port, against a test database. */
export async function startTestApi(
  db: TestDatabase,
  extraEnv: Record<string, string> = {},
  // As ROLLGATE_JWT_ISSUERS does for a deployed function: tokens from other issuers are refused.
  options: { issuers?: readonly string[]; auth?: Partial<AuthConfig> } = {},
): Promise<TestApi> {
  let url = '';
  const env = (key: string) => (key === 'SUPABASE_URL' ? url : (extraEnv[key] ?? undefined));
  const { signingKey, jwks } = await newSigningKey();
  const publishableKey = apiKey('sb_publishable_');
  const secretKey = apiKey('sb_secret_');
  const gateway = createGateway({
    sql: db.sql,
    verifier: createVerifier({
      url: 'http://127.0.0.1',
      publishableKeys: { default: publishableKey },
      secretKeys: { default: secretKey },
      jwks,
      legacy: { jwtSecret: TEST_JWT_SECRET },
      ...(options.issuers ? { issuers: options.issuers } : {}),
      ...options.auth,
    }),
    // ROLLGATE_TEST_LOG=1 shows the functions' logs (e.g. the cause of a 500) while debugging.
    log: process.env.ROLLGATE_TEST_LOG ? consoleLogger : silentLogger,
    env,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolvePromise) => {
    const s = serve({ fetch: gateway.fetch, port: 0, hostname: '127.0.0.1' }, () =>
      resolvePromise(s),
    );
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = createRollgateClient({ url });
  const now = Math.floor(Date.now() / 1000);
  const anonKey = await signRoleKey('anon', TEST_JWT_SECRET, now);
  const serviceKey = await signRoleKey('service_role', TEST_JWT_SECRET, now);
  return {
    url,
    anonKey,
    serviceKey,
    publishableKey,
    secretKey,
    signingKey,
    async call(fn, body, options = {}) {
      const token = options.token === undefined ? serviceKey : options.token;
      const reply = await client.send(fn, body, {
        credentials: { bearer: token },
        ...(options.headers ? { headers: options.headers } : {}),
      });
      checkAgainstContract(fn, body, reply.status, reply.body);
      return { status: reply.status, body: reply.body };
    },
  };
}

/**
 * One function's actions as `(action, body?)`, sent with the service_role key through the API
 * `holder` has when called (a harnessForFile's, set up in beforeAll).
 */
export function functionActions(holder: { api: TestApi }, fn: string) {
  return (action: string, body: Record<string, unknown> = {}) =>
    holder.api.call(fn, { action, ...body });
}
