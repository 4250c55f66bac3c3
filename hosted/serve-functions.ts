/**
 * Serves the staged functions (hosted/stage-functions.ts) the way the Edge Runtime does, as far as
 * these machines allow: real Deno, each function from its own upload directory, `npm:` packages
 * resolved from the registry (DENO_NO_PACKAGE_JSON=1, no node_modules), and ONLY the environment a
 * hosted project gives its functions plus the secrets the README tells users to set. Each function
 * listens on its own loopback port behind the gateway stand-in (hosted/gateway.ts). Writes the
 * ready file once every function answers; stops the Deno processes on SIGTERM/SIGINT.
 *
 *   node --import tsx hosted/serve-functions.ts <secrets dir> <staged dir> <DENO_DIR> <ready file> <logs dir>
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FUNCTION_NAMES, type FunctionName } from '../shared/function-names.ts';
import { startGateway } from './gateway.ts';
import { type HostedProject, readProject } from './project.ts';
import type { StagedFunction } from './stage-functions.ts';

const DENO = resolve(import.meta.dirname, '..', 'node_modules', '.bin', 'deno');

/** What hosted Supabase sets for every function, and the user's own secrets. */
export function hostedEnvironment(project: HostedProject): Record<string, string> {
  return {
    SUPABASE_URL: project.urls.gateway,
    SUPABASE_DB_URL: project.urls.pooler,
    SUPABASE_JWKS: JSON.stringify(project.keys.jwks),
    SUPABASE_PUBLISHABLE_KEYS: JSON.stringify({ default: project.keys.publishable }),
    SUPABASE_SECRET_KEYS: JSON.stringify({ default: project.keys.secret }),
    SUPABASE_ANON_KEY: project.keys.anon,
    SUPABASE_SERVICE_ROLE_KEY: project.keys.serviceRole,
    ...project.secrets,
  };
}

/** Deno's own plumbing: where it caches, how it reaches the registry, where it listens. */
function runtimeEnvironment(denoDir: string): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    DENO_DIR: denoDir,
    DENO_NO_PACKAGE_JSON: '1',
    DENO_NO_UPDATE_CHECK: '1',
    NO_COLOR: '1',
  };
  const cert = process.env.SSL_CERT_FILE;
  if (cert) {
    env.SSL_CERT_FILE = cert;
    env.DENO_CERT = cert;
  }
  return env;
}

function denoRun(
  args: string[],
  cwd: string,
  env: Record<string, string>,
  log: string,
): ChildProcess {
  const child = spawn(DENO, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = createWriteStream(log, { flags: 'a' });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return child;
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => child.once('close', (code) => done(code)));
}

async function answers(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { method: 'OPTIONS' });
    return true;
  } catch {
    return false;
  }
}

const children: ChildProcess[] = [];
function stop(code: number): never {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
}

async function main(): Promise<void> {
  const [secretsDir, stagedDir, denoDir, readyFile, logsDir] = process.argv.slice(2);
  if (!secretsDir || !stagedDir || !denoDir || !readyFile || !logsDir) {
    throw new Error('usage: serve-functions.ts <secrets> <staged> <DENO_DIR> <ready> <logs>');
  }
  const project = readProject(secretsDir);
  const runtime = runtimeEnvironment(denoDir);
  const staged = (name: FunctionName) =>
    JSON.parse(readFileSync(join(stagedDir, name, 'metadata.json'), 'utf8')) as StagedFunction;

  // Fetch the npm packages once (a cold cache downloads them from the registry), one function at
  // a time so five processes do not race for the same cache entries.
  for (const name of FUNCTION_NAMES) {
    const fn = staged(name);
    const log = join(logsDir, `deno-${name}.log`);
    const code = await exited(
      denoRun(
        ['cache', '--no-lock', '--config', fn.import_map_path ?? 'deno.json', fn.entrypoint_path],
        join(stagedDir, name),
        runtime,
        log,
      ),
    );
    if (code !== 0) throw new Error(`deno cache ${name} failed (deno-${name}.log)`);
  }

  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));

  const env = hostedEnvironment(project);
  for (const name of FUNCTION_NAMES) {
    const fn = staged(name);
    const port = project.ports.functions[name];
    const child = denoRun(
      ['run', '--allow-all', '--no-lock', '--config', fn.import_map_path ?? '', fn.entrypoint_path],
      join(stagedDir, name),
      { ...runtime, ...env, DENO_SERVE_ADDRESS: `tcp:127.0.0.1:${port}` },
      join(logsDir, `deno-${name}.log`),
    );
    child.once('close', (code) => {
      console.error(`${name} exited with ${code} (deno-${name}.log)`);
      stop(1);
    });
    children.push(child);
  }
  await startGateway({ port: project.ports.gateway, functions: project.ports.functions });

  const deadline = Date.now() + 120_000;
  for (const name of FUNCTION_NAMES) {
    while (!(await answers(project.ports.functions[name]))) {
      if (Date.now() > deadline) throw new Error(`${name} did not listen within 120 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  writeFileSync(readyFile, 'ready\n');
  console.log('functions ready');
}

main().catch((err) => {
  console.error(`serve-functions: ${(err as Error).message}`);
  stop(1);
});
