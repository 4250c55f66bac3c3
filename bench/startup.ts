/**
 * Start-up time of the local stack: from spawning `npm start`'s entry to all five health_checks
 * answering 200, on a fresh data directory (initdb + migrations) and on warm restarts.
 * Run: npx tsx bench/startup.ts [restarts=5]
 */
import { rmSync } from 'node:fs';
import { createRollgateClient } from '../shared/client/client.ts';
import { FUNCTION_NAMES } from '../shared/function-names.ts';
import { freePort, spawnStack, tempDataDir } from '../stack/spawn.ts';

async function timeToHealthy(env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const stack = spawnStack(env);
  const client = createRollgateClient({ url: `http://127.0.0.1:${env.ROLLGATE_PORT}` });
  const healthy = async () => {
    const replies = await Promise.all(
      FUNCTION_NAMES.map((fn) =>
        client.send(fn, { action: 'health_check' }).then(
          (r) => r.status,
          () => 0,
        ),
      ),
    );
    return replies.every((s) => s === 200);
  };
  while (!(await healthy())) {
    if (stack.child.exitCode !== null) throw new Error(`stack exited:\n${stack.output()}`);
    if (performance.now() - started > 120_000) throw new Error('not healthy within 120 s');
    await new Promise((r) => setTimeout(r, 25));
  }
  const elapsed = performance.now() - started;
  stack.child.kill('SIGTERM');
  await stack.exited;
  return elapsed;
}

const restarts = Number(process.argv[2] ?? 5);
const dataDir = tempDataDir();
const env = {
  ROLLGATE_DATA_DIR: dataDir,
  ROLLGATE_PORT: String(await freePort()),
  ROLLGATE_DB_PORT: String(await freePort()),
};
const first = await timeToHealthy(env);
const warm: number[] = [];
for (let i = 0; i < restarts; i++) warm.push(await timeToHealthy(env));
rmSync(dataDir, { recursive: true, force: true });
warm.sort((a, b) => a - b);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
console.log('| start | time to all five health_checks = 200 |');
console.log('| --- | --- |');
console.log(`| first (empty data dir: initdb, bootstrap, migrations) | ${s(first)} |`);
console.log(
  `| warm restart, median of ${restarts} | ${s(warm[Math.floor(warm.length / 2)] ?? 0)} |`,
);
console.log(`| warm restart, slowest of ${restarts} | ${s(warm.at(-1) ?? 0)} |`);
