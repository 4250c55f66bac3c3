import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { productionRollout } from '../../stack/rollout-request.ts';
import { withDatabase } from '../support/database-url.ts';
import { GOOD_GATES, traffic, uniqueVersion } from '../support/orchestrator.ts';
import {
  freePort,
  STACK_READY,
  type StackProcess,
  stackClient,
  startStackProcess,
  stopStackProcess,
  tempDataDir,
  waitFor,
} from '../support/stack-process.ts';
import { signToken } from '../support/tokens.ts';

const suffix = randomBytes(4).toString('hex');
const dbName = `rollgate_secrets_${suffix}`;
const dbRole = `rollgate_owner_${suffix}`;
const dbPassword = `pw-${randomBytes(12).toString('hex')}`;
const slackToken = `XSECRET${randomBytes(10).toString('hex')}`;
const admin = postgres(inject('serverUrl'), { max: 1, onnotice: () => {} });
let stack: StackProcess | null = null;

afterAll(async () => {
  await stopStackProcess(stack);
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.unsafe(`drop role if exists ${dbRole}`);
  await admin.end();
});

/** Slack and a traffic router on loopback that fail every call: the stack logs each failure. */
async function failingReceiver() {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.statusCode = 500;
      res.end('internal_error');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the local stack’s logs', () => {
  it('never show a key, the JWT or webhook secret, a Slack URL or the database password, even while things fail', async () => {
    await admin.unsafe(`create role ${dbRole} login superuser password '${dbPassword}'`);
    await admin.unsafe(`create database ${dbName} owner ${dbRole}`);
    const server = new URL(inject('serverUrl'));
    server.username = dbRole;
    server.password = dbPassword;
    const receiver = await failingReceiver();
    const slackUrl = `${receiver}/services/T0000/B0000/${slackToken}`;
    const dataDir = tempDataDir();
    const port = await freePort();
    stack = await startStackProcess({
      ROLLGATE_DATA_DIR: dataDir,
      ROLLGATE_PORT: String(port),
      DATABASE_URL: withDatabase(server.toString(), dbName),
      SLACK_WEBHOOK_URL: slackUrl,
      SLACK_EMERGENCY_WEBHOOK: `${slackUrl}/emergency`,
    });
    const s = stack;
    const { keys, call, approver } = stackClient(dataDir, port);

    // Refused callers: a forged and an expired token, and a secret sent where it does not belong.
    const forged = await signToken({ role: 'service_role' }, { secret: 'x'.repeat(40) });
    expect((await call('deploy-orchestrator', { action: 'verify_audit' }, forged)).status).toBe(
      401,
    );
    const bad = await call('gdpr-compliance', {
      action: 'get_consent',
      subject_id: keys.jwtSecret,
    });
    expect(bad.status).toBeLessThan(500);

    // A rollout whose Slack messages and traffic webhooks all fail, so the workers log retries.
    const version = uniqueVersion();
    await call('deploy-orchestrator', {
      action: 'start_deployment',
      environment: 'staging',
      version,
    });
    await call('deploy-orchestrator', {
      action: 'allow_webhook_target',
      environment: 'production',
      url: `${receiver}/traffic`,
    });
    const started = await call('deploy-orchestrator', {
      action: 'start_deployment',
      ...productionRollout(version, GOOD_GATES),
      traffic: { provider: 'webhook', url: `${receiver}/traffic` },
    });
    const id = started.body.result.deployment_id as string;
    await call('deploy-orchestrator', { action: 'approve', deployment_id: id }, await approver());
    await call('production-monitoring', {
      action: 'record_requests',
      requests: traffic(id, 'canary', 50),
    });
    await call('production-monitoring', {
      action: 'log_deployment',
      deployment: { deployment_id: `ext-${suffix}`, environment: 'staging', status: 'started' },
    });

    await waitFor(
      () => /"job_failed".*slack delivery failed/.test(s.output()),
      30_000,
      () => `a failed Slack delivery in the log:\n${s.output()}`,
    );
    await waitFor(
      () => s.output().includes('traffic webhook answered 500'),
      30_000,
      () => `a failed traffic webhook in the log:\n${s.output()}`,
    );
    // A 500: the table a handler reads vanishes under it; onError logs the cause.
    const owner = postgres(withDatabase(server.toString(), dbName), { max: 1, onnotice: () => {} });
    await owner`alter table public.incidents rename to incidents_gone`;
    expect((await call('production-monitoring', { action: 'list_incidents' })).status).toBe(500);
    await owner`alter table public.incidents_gone rename to incidents`;
    // Connections cut under the queue and the relay: their driver errors are logged too.
    await owner`select pg_terminate_backend(pid) from pg_stat_activity
                 where datname = ${dbName} and pid <> pg_backend_pid()`;
    await owner.end();
    await waitFor(() => s.output().includes('"queue_error"'), 10_000, 'the queue noticing');

    // The functions' pool reconnects by itself.
    await waitFor(
      async () => (await call('deploy-orchestrator', { action: 'verify_audit' })).status === 200,
      10_000,
      'the API answering again',
    );
    expect(await stopStackProcess(stack)).toBe(0);
    stack = null;

    // Everything after the banner (which shows the keys on purpose, as `supabase start` does).
    const log = s.output().slice(s.output().indexOf(STACK_READY) + STACK_READY.length);
    expect(log).toContain('"request_failed"');
    const secrets = {
      'JWT secret': keys.jwtSecret,
      'anon key': keys.anonKey,
      'service_role key': keys.serviceRoleKey,
      'webhook secret': keys.webhookSecret,
      'ingest key': keys.ingestKey,
      'Slack webhook token': slackToken,
      'database password': dbPassword,
    };
    const leaked = Object.entries(secrets)
      .filter(([, secret]) => log.includes(secret))
      .map(([name]) => name);
    expect(leaked).toEqual([]);
    console.log(
      `secrets in logs: ${log.split('\n').filter(Boolean).length} log lines checked for ${Object.keys(secrets).length} secrets, 0 found`,
    );
  }, 90_000);
});
