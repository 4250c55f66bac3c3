/**
 * Fault script: `kill -9` of the real local stack (`npm start`'s entry) at random points of
 * rollouts. After each restart every rollout must reach a terminal state, every transition must
 * appear exactly once in its audit trail, and the hash chain must verify. Exits 1 otherwise.
 * Run: node --import tsx bench/fault-kill.ts [rollouts=14] [seed]
 */

import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createRollgateClient } from '../shared/client/client.ts';
import { signOperatorToken } from '../stack/keys.ts';
import { productionRollout } from '../stack/rollout-request.ts';
import {
  postgresProcessesFor,
  type StackProcess,
  stackEnv,
  startStackProcess,
  stopStackProcess,
  tempDataDir,
} from '../stack/spawn.ts';
import { seededRandom } from './seeded-random.ts';
import { GATES } from './support.ts';

const ROLLOUTS = Number(process.argv[2] ?? 14);
const seedUsed = Number(process.argv[3] ?? Date.now() % 100_000);
const random = seededRandom(seedUsed);
const TERMINAL = ['succeeded', 'rolled_back', 'failed'];
const dataDir = tempDataDir();
const env = await stackEnv(dataDir);
const client = createRollgateClient({ url: `http://127.0.0.1:${env.ROLLGATE_PORT}` });
let stack: StackProcess | null = null;
let key = '';
/** Bob, a person with the approver role (no key approves a rollout). */
let approver = '';

async function start() {
  stack = await startStackProcess(env);
  const keys = JSON.parse(readFileSync(join(dataDir, 'keys.json'), 'utf8'));
  key = keys.serviceRoleKey;
  approver = await signOperatorToken(keys.signingKey, 'bob@example.com', ['approver']);
}

/** POSTs until the stack answers (it may be dead or restarting); an Idempotency-Key makes retries safe. */
async function call(
  fn: string,
  body: Record<string, unknown>,
  idempotencyKey?: string,
  token = key,
  // biome-ignore lint/suspicious/noExplicitAny: the drill reads result fields by path, as jq does
): Promise<{ status: number; body: any }> {
  for (;;) {
    try {
      const reply = await client.send(fn, body, {
        credentials: { bearer: token },
        headers: idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
        signal: AbortSignal.timeout(15_000),
      });
      if (reply.status !== 503) return reply;
    } catch {
      // connection refused or reset: the stack is down; try again shortly
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

const kills: Array<{ rollout: number; atMs: number; lastSeen: string }> = [];
let lastSeen = 'starting';

/** Kills the stack with SIGKILL after `delayMs`, then starts it again on the same data dir. */
async function killLater(rollout: number, delayMs: number) {
  await new Promise((r) => setTimeout(r, delayMs));
  const s = stack;
  if (!s) return;
  s.child.kill('SIGKILL');
  await s.exited;
  kills.push({ rollout, atMs: Math.round(delayMs), lastSeen });
  await start();
}

const traffic = (id: string, variant: 'canary' | 'stable', count: number, errorsPer100: number) =>
  Array.from({ length: count }, (_, i) => ({
    duration_ms: 90 + (i % 20),
    status: i % 100 < errorsPer100 ? 500 : 200,
    environment: 'production',
    deployment_id: id,
    variant,
  }));

/** One production canary: healthy, unhealthy (rolled back by the judge) or rolled back by hand. */
async function rollout(n: number, kind: 'healthy' | 'unhealthy' | 'manual') {
  const version = `fault-${seedUsed}-${n}`;
  await call(
    'deploy-orchestrator',
    { action: 'start_deployment', environment: 'staging', version },
    `${version}:staging`,
  );
  const started = await call(
    'deploy-orchestrator',
    {
      action: 'start_deployment',
      ...productionRollout(version, GATES, [25, 2], [50, 2], [100, 0]),
    },
    `${version}:production`,
  );
  const id = started.body.result?.deployment_id as string;
  if (!id) throw new Error(`start failed: ${JSON.stringify(started.body)}`);
  lastSeen = 'pending_approval';
  await call(
    'deploy-orchestrator',
    { action: 'approve', deployment_id: id },
    `${id}:approve`,
    approver,
  );
  const deadline = Date.now() + 90_000;
  let status = '';
  for (let tick = 0; Date.now() < deadline; tick++) {
    const s = await call('deploy-orchestrator', { action: 'get_status', deployment_id: id });
    status = s.body.result.status;
    lastSeen = `${status} step ${s.body.result.current_step}`;
    if (TERMINAL.includes(status)) break;
    if (kind === 'manual' && tick === 3)
      await call(
        'deploy-orchestrator',
        { action: 'rollback', deployment_id: id, reason: 'fault drill' },
        `${id}:rollback`,
      );
    await call('production-monitoring', {
      action: 'record_requests',
      requests: [
        ...traffic(id, 'stable', 300, 1),
        ...traffic(id, 'canary', 100, kind === 'unhealthy' ? 30 : 1),
      ],
    });
    await new Promise((r) => setTimeout(r, 400));
  }
  return { id, kind, status };
}

await start();
const started = Date.now();
const results: Array<{ id: string; kind: string; status: string }> = [];
try {
  for (let n = 1; n <= ROLLOUTS; n++) {
    const kind = n % 4 === 0 ? 'manual' : n % 3 === 0 ? 'unhealthy' : 'healthy';
    // A random moment of the rollout: before approval, mid-step, at a step timer, mid-ingest.
    // The ranges follow each kind's life: an unhealthy canary is rolled back at its first
    // traffic, a manual rollback comes about 1.5 s in, a healthy rollout lasts about 5 s.
    const window = { healthy: [200, 4_000], unhealthy: [50, 500], manual: [200, 1_200] }[kind];
    const killer = killLater(n, (window[0] ?? 0) + random() * (window[1] ?? 0));
    results.push(await rollout(n, kind));
    await killer;
  }

  const problems: string[] = [];
  const chain = await call('deploy-orchestrator', { action: 'verify_audit' });
  if (!chain.body.result?.intact)
    problems.push(`audit chain broken: ${JSON.stringify(chain.body)}`);
  let transitions = 0;
  for (const r of results) {
    const s = (await call('deploy-orchestrator', { action: 'get_status', deployment_id: r.id }))
      .body.result;
    if (!TERMINAL.includes(s.status)) problems.push(`${r.id} (${r.kind}) ended ${s.status}`);
    const events = s.events as Array<{ event: string; status: string; details: { step?: number } }>;
    const seen = new Set<string>();
    for (const e of events) {
      const k = `${e.event}@${e.details.step ?? ''}`;
      if (seen.has(k)) problems.push(`${r.id}: ${k} recorded twice`);
      seen.add(k);
    }
    // Nothing missing either: the whole path, in order.
    const path = events.map((e) => e.event).join(' ');
    const expected =
      s.status === 'succeeded'
        ? /^pending_approval approved step_advanced succeeded$/
        : /^pending_approval approved( step_advanced)* rolled_back$/;
    if (!expected.test(path)) problems.push(`${r.id} (${s.status}): unexpected path ${path}`);
    transitions += events.length;
    if (events.at(-1)?.status !== s.status)
      problems.push(`${r.id}: last audit row is not ${s.status}`);
  }
  const summary = {
    rollouts: results.length,
    kills: kills.length,
    kills_mid_rollout: kills.filter((k) => !TERMINAL.some((t) => k.lastSeen.startsWith(t))).length,
    outcomes: Object.fromEntries(
      TERMINAL.map((t) => [t, results.filter((r) => r.status === t).length]),
    ),
    transitions,
    duplicated_or_missing: problems.length,
    audit_rows_checked: chain.body.result?.checked,
    seconds: Math.round((Date.now() - started) / 1000),
    seed: seedUsed,
    killed_at: kills.map((k) => k.lastSeen),
  };
  console.log(JSON.stringify(summary, null, 2));
  const midRollout = kills.filter((k) => !TERMINAL.some((t) => k.lastSeen.startsWith(t))).length;
  if (problems.length > 0 || midRollout < 10) {
    console.error(problems.join('\n') || `only ${midRollout} kills during a rollout`);
    process.exitCode = 1;
  } else {
    console.log(
      `fault-kill: ${kills.length} kill -9 faults (${midRollout} mid-rollout) over ${results.length} rollouts, all terminal, ` +
        `${transitions} transitions each recorded once, audit chain intact`,
    );
  }
} finally {
  await stopStackProcess(stack);
  if (postgresProcessesFor(dataDir).length === 0) rmSync(dataDir, { recursive: true, force: true });
}
