import { SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiKey, newSigningKey, signRoleKey, signUserToken } from '../../stack/keys.ts';
import { startTestApi, TEST_JWT_SECRET, type TestApi } from '../support/test-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { signToken } from '../support/tokens.ts';

// Every credential a Supabase project has today, against the real gateway over HTTP:
// list_actions admits any verified caller; configure_monitoring_target only service_role.
const USER_ID = '00000000-0000-4000-8000-0000000000a1';
const DEFAULT_SECRET = apiKey('sb_secret_');
const CI_SECRET = apiKey('sb_secret_');
let db: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  db = await createTestDatabase();
  // Named secret keys, as a project with a key per pipeline has them.
  api = await startTestApi(
    db,
    {},
    {
      auth: { secretKeys: { default: DEFAULT_SECRET, ci: CI_SECRET } },
    },
  );
});

async function callAs(headers: Record<string, string>, action = 'list_actions') {
  return api.call('deploy-orchestrator', { action }, { token: null, headers });
}

describe('sb_secret_ keys', () => {
  it('are service_role in the apikey header and as a bearer token', async () => {
    const ways: Record<string, string>[] = [
      { apikey: DEFAULT_SECRET },
      { authorization: `Bearer ${DEFAULT_SECRET}` },
    ];
    for (const headers of ways) {
      const reply = await callAs(headers, 'tick');
      expect(reply.status).toBe(200);
    }
  });

  it('a named key is accepted and names its caller', async () => {
    const reply = await callAs({ apikey: CI_SECRET }, 'tick');
    expect(reply.status).toBe(200);
  });

  it('an unknown or altered secret key is refused with 401', async () => {
    for (const key of [apiKey('sb_secret_'), `${DEFAULT_SECRET}x`]) {
      const reply = await callAs({ apikey: key });
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe('unauthorized');
    }
  });
});

describe('sb_publishable_ keys', () => {
  it('are anon: admitted where anon is, refused (403) where only service_role is', async () => {
    const read = await callAs({ apikey: api.publishableKey }, 'list_deployments');
    expect(read.status).toBe(200);
    const write = await callAs({ apikey: api.publishableKey }, 'tick');
    expect(write.status).toBe(403);
    expect(write.body.error.details.required).toBe('service');
  });

  it('an unknown publishable key is refused with 401', async () => {
    const reply = await callAs({ apikey: apiKey('sb_publishable_') });
    expect(reply.status).toBe(401);
  });
});

describe('user JWTs signed with the project JWKS (ES256)', () => {
  it('are authenticated callers', async () => {
    const token = await signUserToken(api.signingKey, { sub: USER_ID, email: 'a@example.com' });
    const reply = await callAs({ authorization: `Bearer ${token}` });
    expect(reply.status).toBe(200);
    const write = await callAs({ authorization: `Bearer ${token}` }, 'tick');
    expect(write.status).toBe(403);
  });

  it('a token signed by another key, expired, without exp or for another audience is refused', async () => {
    const other = await newSigningKey();
    const foreign = await signUserToken(
      { ...other.signingKey, kid: api.signingKey.kid as string },
      { sub: USER_ID },
    );
    const expired = await signUserToken(
      api.signingKey,
      { sub: USER_ID },
      { expiresInSeconds: -120 },
    );
    const { importJWK } = await import('jose');
    const key = await importJWK(api.signingKey, 'ES256');
    const header = { alg: 'ES256', kid: api.signingKey.kid as string };
    const noExp = await new SignJWT({ role: 'authenticated', aud: 'authenticated' })
      .setProtectedHeader(header)
      .setSubject(USER_ID)
      .sign(key);
    const otherAudience = await new SignJWT({ role: 'authenticated', aud: 'someone-else' })
      .setProtectedHeader(header)
      .setSubject(USER_ID)
      .setExpirationTime('1h')
      .sign(key);
    for (const token of [foreign, expired, noExp, otherAudience]) {
      const reply = await callAs({ authorization: `Bearer ${token}` });
      expect(reply.status).toBe(401);
      expect(reply.body.error.code).toBe('unauthorized');
    }
  });
});

describe('legacy JWT keys', () => {
  it('HS256 tokens are accepted while the legacy secret is configured', async () => {
    const user = await signToken({ role: 'authenticated', sub: USER_ID, aud: 'authenticated' });
    expect((await callAs({ authorization: `Bearer ${user}` })).status).toBe(200);
    expect((await callAs({ authorization: `Bearer ${api.serviceKey}` }, 'tick')).status).toBe(200);
  });

  it('an HS256 token without exp is refused', async () => {
    const noExp = await new SignJWT({ role: 'service_role' })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(TEST_JWT_SECRET));
    expect((await callAs({ authorization: `Bearer ${noExp}` })).status).toBe(401);
  });

  it('without the legacy secret: HS256 user tokens are refused, the project legacy keys still match exactly', async () => {
    const now = Math.floor(Date.now() / 1000);
    const serviceRoleKey = await signRoleKey('service_role', 'hosted-never-shows-this-secret', now);
    const anonKey = await signRoleKey('anon', 'hosted-never-shows-this-secret', now);
    const hosted = await startTestApi(
      db,
      {},
      {
        auth: { legacy: { serviceRoleKey, anonKey } },
      },
    );
    const call = (token: string, action: string) =>
      hosted.call('deploy-orchestrator', { action }, { token });
    expect((await call(serviceRoleKey, 'tick')).status).toBe(200);
    expect((await call(anonKey, 'list_deployments')).status).toBe(200);
    expect((await call(anonKey, 'tick')).status).toBe(403);
    const user = await signToken({ role: 'authenticated', sub: USER_ID, aud: 'authenticated' });
    const refused = await call(user, 'list_deployments');
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toContain('legacy HS256 tokens are not accepted here');
    // A service_role JWT signed with the test secret is not the project's key: refused.
    expect((await call(api.serviceKey, 'tick')).status).toBe(401);
  });
});
