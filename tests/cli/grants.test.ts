import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { signUserToken } from '../../stack/keys.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { cleanEnv, runCli } from './run-cli.ts';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi(await createTestDatabase());
});

describe('rollgate grants and whoami', () => {
  it('an admin key grants a user a role; the user then sees it with whoami; remove takes it back', async () => {
    const admin = cleanEnv({ SUPABASE_URL: api.url, SUPABASE_SECRET_KEY: api.secretKey });
    const userId = randomUUID();
    const added = await runCli(['grants', 'add', userId, 'deployer', '--env', 'staging'], admin);
    expect(added.stderr).toBe('');
    expect(added.stdout).toBe(`user:${userId} deployer in staging: granted\n`);
    const listed = await runCli(['grants', 'list', '--json'], admin);
    expect(JSON.parse(listed.stdout).grants).toContainEqual(
      expect.objectContaining({
        subject: `user:${userId}`,
        role: 'deployer',
        environment: 'staging',
      }),
    );

    const token = await signUserToken(api.signingKey, { sub: userId, email: 'dev@example.com' });
    const me = await runCli(['whoami'], cleanEnv({ SUPABASE_URL: api.url, ROLLGATE_TOKEN: token }));
    expect(me.stdout).toBe(
      `dev@example.com (user:${userId}, Supabase role authenticated)\npermissions: read, view, deploy, ingest\n`,
    );
    const asUser = await runCli(
      ['grants', 'add', userId, 'admin'],
      cleanEnv({ SUPABASE_URL: api.url, ROLLGATE_TOKEN: token }),
    );
    expect(asUser.code).toBe(1);
    expect(asUser.stderr).toContain('rollgate: forbidden:');

    const removed = await runCli(
      ['grants', 'remove', userId, 'deployer', '--env', 'staging'],
      admin,
    );
    expect(removed.stdout).toBe(`user:${userId} deployer in staging: revoked\n`);
  });

  it('refuses an unknown role before sending anything (exit 2)', async () => {
    const admin = cleanEnv({ SUPABASE_URL: api.url, SUPABASE_SECRET_KEY: api.secretKey });
    const run = await runCli(['grants', 'add', randomUUID(), 'owner'], admin);
    expect(run.code).toBe(2);
  });

  it('dev-token signs a person in for the local stack, with the roles given', async () => {
    const env = cleanEnv({ SUPABASE_URL: api.url });
    writeFileSync(
      join(env.ROLLGATE_DATA_DIR as string, 'keys.json'),
      JSON.stringify({ signingKey: api.signingKey }),
    );
    const minted = await runCli(['dev-token', 'bob@example.com', 'approver:production'], env);
    expect(minted.code, minted.stderr).toBe(0);
    const me = await runCli(['whoami', '--json'], { ...env, ROLLGATE_TOKEN: minted.stdout.trim() });
    expect(JSON.parse(me.stdout)).toMatchObject({
      label: 'bob@example.com',
      grants: [{ role: 'approver', environment: 'production' }],
      permissions: ['read', 'view', 'approve'],
    });
    const bad = await runCli(['dev-token', 'bob@example.com', 'owner'], env);
    expect(bad.code).toBe(2);
  });
});
