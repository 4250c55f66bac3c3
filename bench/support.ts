import { rmSync } from 'node:fs';
import { createRollgateClient } from '../shared/client/client.ts';
import { silentLogger } from '../shared/log.ts';
import type { Pool } from '../shared/sql/client.ts';
import { createSql } from '../shared/sql/connect.ts';
import { readConfig } from '../stack/config.ts';
import { signOperatorToken } from '../stack/keys.ts';
import { productionRollout } from '../stack/rollout-request.ts';
import { stackEnv, tempDataDir } from '../stack/spawn.ts';
import { startStack } from '../stack/stack.ts';

export interface BenchStack {
  serviceKey: string;
  sql: Pool;
  call(fn: string, body: unknown, token?: string): Promise<{ status: number; body: unknown }>;
  /** Approves a rollout as Bob, a person with the approver role (no key approves); throws unless 200. */
  approve(deploymentId: string): Promise<void>;
  /** A signed-in person's token holding these Rollgate roles (none: any user who signed up). */
  personToken(email: string, roles: readonly string[]): Promise<string>;
  stop(): Promise<void>;
}

/** The real local stack (embedded PostgreSQL, migrations, gateway, queue) in a throwaway data dir. */
export async function startBenchStack(): Promise<BenchStack> {
  const dataDir = tempDataDir();
  const config = readConfig({ ...process.env, ...(await stackEnv(dataDir)) });
  const stack = await startStack({ ...config, databaseUrl: null }, silentLogger);
  const sql = createSql(stack.dbUrl, { max: 4 });
  const client = createRollgateClient({ url: stack.apiUrl });
  const call = (fn: string, body: unknown, token: string = stack.keys.serviceRoleKey) =>
    client.send(fn, body, { credentials: { bearer: token } });
  return {
    serviceKey: stack.keys.serviceRoleKey,
    sql,
    call,
    personToken: (email, roles) => signOperatorToken(stack.keys.signingKey, email, roles),
    async approve(deploymentId) {
      const token = await signOperatorToken(stack.keys.signingKey, 'bob@example.com', ['approver']);
      const reply = await call(
        'deploy-orchestrator',
        { action: 'approve', deployment_id: deploymentId },
        token,
      );
      if (reply.status !== 200) throw new Error(`approve: ${JSON.stringify(reply.body)}`);
    },
    async stop() {
      await sql.end({ timeout: 5 });
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Release gates every bench rollout passes. */
export const GATES = {
  code_coverage: 90,
  security_critical: 0,
  performance_p95_ms: 120,
  integration_pass_rate: 100,
  vulnerabilities_high: 0,
};

/** A production canary of `version` (staged first, approved by Bob) at 25 % for ten minutes. */
export async function startCanary(stack: BenchStack, version: string): Promise<string> {
  const call = async (body: Record<string, unknown>) => {
    const reply = await stack.call('deploy-orchestrator', body);
    if (reply.status !== 200) throw new Error(`${body.action}: ${JSON.stringify(reply.body)}`);
    return (reply.body as { result: Record<string, unknown> }).result;
  };
  await call({ action: 'start_deployment', environment: 'staging', version });
  const started = await call({
    action: 'start_deployment',
    ...productionRollout(version, GATES, [25, 600], [100, 0]),
  });
  const id = started.deployment_id as string;
  await stack.approve(id);
  return id;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

export function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? 0;
}

export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}
