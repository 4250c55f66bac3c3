import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, testTmpRoot } from '../support/stack-process.ts';
import type { TestApi } from '../support/test-api.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliProcess {
  pid: number;
  stdout(): string;
  stderr(): string;
  done: Promise<CliRun>;
}

/**
 * The environment of a machine with no Supabase settings and no local stack (an empty data dir),
 * so the CLI uses exactly the URL and key a test gives it.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(SUPABASE_|API_URL$|ANON_KEY$|SERVICE_ROLE_KEY$|ROLLGATE_)/.test(k)) env[k] = v;
  }
  return { ...env, ROLLGATE_DATA_DIR: mkdtempSync(join(testTmpRoot(), 'rollgate-cli-')), ...extra };
}

/** cleanEnv pointed at a test API with its service_role key, as a CI job's settings would be. */
export function serviceEnv(api: TestApi): NodeJS.ProcessEnv {
  return cleanEnv({ SUPABASE_URL: api.url, SUPABASE_SERVICE_ROLE_KEY: api.serviceKey });
}

/** The real `rollgate` bin as a child process (async: the test's API answers in this process). */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv): CliProcess {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'rollgate.mjs'), ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => {
    stdout += d;
  });
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const done = new Promise<CliRun>((resolvePromise) =>
    child.on('close', (code) => resolvePromise({ code, stdout, stderr })),
  );
  return { pid: child.pid as number, stdout: () => stdout, stderr: () => stderr, done };
}

export function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return spawnCli(args, env).done;
}
