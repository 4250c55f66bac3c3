import { rmSync } from 'node:fs';
import { createRollgateClient } from '../shared/client/client.ts';
import { readConfig } from '../stack/config.ts';
import { signOperatorToken } from '../stack/keys.ts';
import { freePort, tempDataDir } from '../stack/spawn.ts';
import { startStack } from '../stack/stack.ts';
import { createSql, type Sql } from '../supabase/functions/_shared/db.ts';
import { silentLogger } from '../supabase/functions/_shared/log.ts';

export interface BenchStack {
  api: string;
  serviceKey: string;
  sql: Sql;
  call(fn: string, body: unknown, token?: string): Promise<{ status: number; body: unknown }>;
  /** Approves a rollout as Bob, a person with the approver role (no key approves); throws unless 200. */
  approve(deploymentId: string): Promise<void>;
  stop(): Promise<void>;
}

/** The real local stack (embedded PostgreSQL, migrations, gateway, queue) in a throwaway data dir. */
export async function startBenchStack(): Promise<BenchStack> {
  const dataDir = tempDataDir();
  const config = readConfig({
    ...process.env,
    ROLLGATE_DATA_DIR: dataDir,
    ROLLGATE_PORT: String(await freePort()),
    ROLLGATE_DB_PORT: String(await freePort()),
  });
  const stack = await startStack({ ...config, databaseUrl: null }, silentLogger);
  const sql = createSql(stack.dbUrl, { max: 4 });
  const client = createRollgateClient({ url: stack.apiUrl });
  const call = (fn: string, body: unknown, token: string = stack.keys.serviceRoleKey) =>
    client.send(fn, body, { credentials: { bearer: token } });
  return {
    api: stack.apiUrl,
    serviceKey: stack.keys.serviceRoleKey,
    sql,
    call,
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
