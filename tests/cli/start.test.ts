import { describe, expect, it } from 'vitest';
import { buildDashboard } from '../../dashboard/build.ts';
import { freePort, postgresProcessesFor, waitFor } from '../support/stack-process.ts';
import { cleanEnv, runCli, spawnCli } from './run-cli.ts';

describe('rollgate start', () => {
  it('runs the local stack, which the other commands then find by themselves, and serves the dashboard', async () => {
    await buildDashboard();
    const env = cleanEnv({
      ROLLGATE_PORT: String(await freePort()),
      ROLLGATE_DB_PORT: String(await freePort()),
    });
    const apiUrl = `http://127.0.0.1:${env.ROLLGATE_PORT}`;
    const stack = spawnCli(['start'], env);
    await waitFor(
      () => stack.stdout().includes('Press Ctrl+C to stop.'),
      60_000,
      () => `rollgate start:\n${stack.stdout()}${stack.stderr()}`,
    );
    expect(stack.stdout()).toContain(`API URL: ${apiUrl}\n`);

    // No --url, no --key, no SUPABASE_*: the URL and key come from the stack's data dir.
    const health = await runCli(['health', '--json'], env);
    expect(health.code).toBe(0);
    expect(JSON.parse(health.stdout).healthy).toBe(true);

    const status = await runCli(['status', '--json'], env);
    const { anon_key } = JSON.parse(status.stdout);
    expect(await (await fetch(`${apiUrl}/config.json`)).json()).toEqual({
      url: apiUrl,
      anon_key,
    });
    const page = await fetch(`${apiUrl}/`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);

    expect(postgresProcessesFor(env.ROLLGATE_DATA_DIR as string).length).toBeGreaterThan(0);
    process.kill(stack.pid, 'SIGTERM');
    expect((await stack.done).code).toBe(0);
    expect(postgresProcessesFor(env.ROLLGATE_DATA_DIR as string)).toEqual([]);
  });
});
