import { spawnSync } from 'node:child_process';
import { spawnedStackClient } from '../../stack/spawn.ts';
import { checkAgainstContract } from './contract-check.ts';

export {
  freePort,
  postgresProcessesFor,
  STACK_READY,
  type StackProcess,
  spawnStack,
  stackEnv,
  startStackProcess,
  stopStackProcess,
  tempDataDir,
  testTmpRoot,
  waitFor,
} from '../../stack/spawn.ts';

export const ROOT = new URL('../..', import.meta.url).pathname;

export function runStatus(env: Record<string, string>, args: string[]) {
  return spawnSync(process.execPath, ['bin/rollgate.mjs', 'status', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

/** spawnedStackClient, with every successful answer checked against its contract. */
export function stackClient(dataDir: string, port: string | number) {
  const client = spawnedStackClient(dataDir, port);
  return {
    ...client,
    async call(fn: string, body: Record<string, unknown>, token?: string) {
      const reply = await client.call(fn, body, token);
      checkAgainstContract(fn, body, reply.status, reply.body);
      // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON paths, as jq does
      return { status: reply.status, body: reply.body as any };
    },
  };
}
