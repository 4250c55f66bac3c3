import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRollgateClient } from '../shared/client/client.ts';
import { readKeys, signOperatorToken } from './keys.ts';
import { PROJECT_ROOT } from './paths.ts';

// The local stack as a child process, as `npm start` runs it: for the tests and the benches.

export interface StackProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** `npm start`'s entry as a real child process with its own data dir and ports. */
export function spawnStack(env: Record<string, string>): StackProcess {
  // One process, as `npm start` runs it (node --import tsx): a signal reaches the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'stack/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => out, exited };
}

/** What stack/main.ts prints once the stack serves: the last line of its banner. */
export const STACK_READY = 'Press Ctrl+C to stop.';

/** The ROLLGATE_* variables of a stack with its own data dir and two free loopback ports. */
export async function stackEnv(dataDir: string = tempDataDir()) {
  return {
    ROLLGATE_DATA_DIR: dataDir,
    ROLLGATE_PORT: String(await freePort()),
    ROLLGATE_DB_PORT: String(await freePort()),
  };
}

/**
 * spawnStack, answered once the stack serves (its banner printed). A stack that does not within
 * `timeoutMs` is stopped, and the error carries its output.
 */
export async function startStackProcess(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<StackProcess> {
  const stack = spawnStack(env);
  try {
    await waitFor(
      () => stack.output().includes(STACK_READY),
      timeoutMs,
      () => `the stack to start:\n${stack.output()}`,
    );
  } catch (err) {
    await stopStackProcess(stack);
    throw err;
  }
  return stack;
}

/** SIGTERM, as Ctrl+C would; answers the exit code once the stack has stopped its PostgreSQL. */
export async function stopStackProcess(stack: StackProcess | null): Promise<number | null> {
  if (!stack) return null;
  stack.child.kill('SIGTERM');
  return stack.exited;
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string | (() => string),
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
}

/**
 * Where a test run's temporary directories go: the run's own root when the test setup made one
 * (it removes the root afterwards), else the system's temporary directory.
 */
export function testTmpRoot(): string {
  return process.env.ROLLGATE_TEST_TMP ?? tmpdir();
}

export function tempDataDir(): string {
  return mkdtempSync(join(testTmpRoot(), 'rollgate-stack-'));
}

export function freePort(): Promise<number> {
  return new Promise((resolvePromise) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolvePromise(port));
    });
  });
}

/** PIDs of postgres servers whose command line names this data directory. */
export function postgresProcessesFor(dataDir: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).stdout;
  return ps
    .split('\n')
    .filter((line) => line.includes('postgres') && line.includes(dataDir))
    .map((line) => line.trim().split(/\s+/)[0] ?? '');
}

/**
 * A client for a spawned stack: POSTs to its functions with its service_role key (or another
 * token) and answers status and parsed body.
 */
export function spawnedStackClient(dataDir: string, port: string | number) {
  const keys = readKeys(dataDir);
  if (!keys) throw new Error(`no keys in ${dataDir}: has the stack started?`);
  const client = createRollgateClient({ url: `http://127.0.0.1:${port}` });
  return {
    keys,
    /** Bob, a person with the approver role, signed with this stack's key. */
    approver: () => signOperatorToken(keys.signingKey, 'bob@example.com', ['approver']),
    call(fn: string, body: Record<string, unknown>, token: string = keys.serviceRoleKey) {
      return client.send(fn, body, { credentials: { bearer: token } });
    },
  };
}
