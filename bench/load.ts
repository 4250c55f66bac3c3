/**
 * Mixed load at a fixed rate against the real local stack (a child process, as `npm start` runs
 * it) on loopback, with autocannon: telemetry ingest for a live canary, error tracking, status
 * reads with the anon key, flag evaluation and health checks. Fails (exit 1) on any 5xx.
 * Run: node --import tsx bench/load.ts [seconds=60] [rate=200]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import autocannon from 'autocannon';
import {
  postgresProcessesFor,
  spawnedStackClient,
  stackEnv,
  startStackProcess,
  stopStackProcess,
  tempDataDir,
} from '../stack/spawn.ts';

const SECONDS = Number(process.argv[2] ?? 60);
const RATE = Number(process.argv[3] ?? 200);

const dataDir = tempDataDir();
const env = await stackEnv(dataDir);
const base = `http://127.0.0.1:${env.ROLLGATE_PORT}`;
const stack = await startStackProcess(env);
const client = spawnedStackClient(dataDir, env.ROLLGATE_PORT);
const keys = client.keys;

const post = async (fn: string, body: Record<string, unknown>) => {
  const reply = await client.call(fn, body);
  if (reply.status !== 200) throw new Error(`${fn}: ${JSON.stringify(reply.body)}`);
  return (reply.body as { result: Record<string, unknown> }).result;
};

// A canary in production waiting out a long step, so every telemetry batch meets the judge.
await post('deploy-orchestrator', {
  action: 'start_deployment',
  environment: 'staging',
  version: 'load-1',
});
const canary = await post('deploy-orchestrator', {
  action: 'start_deployment',
  environment: 'production',
  version: 'load-1',
  actor: 'alice',
  gates: {
    code_coverage: 90,
    security_critical: 0,
    performance_p95_ms: 120,
    integration_pass_rate: 100,
    vulnerabilities_high: 0,
  },
  steps: [
    { weight: 25, pause_seconds: 3600 },
    { weight: 100, pause_seconds: 0 },
  ],
});
const id = canary.deployment_id as string;
const approved = await client.call(
  'deploy-orchestrator',
  { action: 'approve', deployment_id: id },
  await client.approver(),
);
if (approved.status !== 200) throw new Error(`approve: ${JSON.stringify(approved.body)}`);
await post('deploy-orchestrator', {
  action: 'set_flag',
  name: 'new-checkout',
  environment: 'production',
  enabled: true,
  rollout_percentage: 30,
});

const samples = Array.from({ length: 50 }, (_, i) => ({
  duration_ms: 80 + (i % 30),
  status: i === 0 ? 500 : 200,
  route: `/api/items/${i % 5}`,
  environment: 'production',
  deployment_id: id,
  variant: i % 4 === 0 ? 'canary' : 'stable',
}));
const as = (key: string | null) => ({
  'content-type': 'application/json',
  ...(key ? { authorization: `Bearer ${key}` } : {}),
});
const request = (fn: string, key: string | null, body: Record<string, unknown>) => ({
  method: 'POST' as const,
  path: `/functions/v1/${fn}`,
  headers: as(key),
  body: JSON.stringify(body),
});
const mix = [
  request('production-monitoring', keys.serviceRoleKey, {
    action: 'record_requests',
    requests: samples,
  }),
  request('error-tracking', keys.serviceRoleKey, {
    action: 'track_error',
    error_message: 'TypeError: cannot read property id of undefined',
    component: 'checkout',
    severity: 'error',
    environment: 'production',
  }),
  request('deploy-orchestrator', keys.anonKey, { action: 'get_status', deployment_id: id }),
  request('production-monitoring', keys.anonKey, {
    action: 'performance_metrics',
    time_window: '5m',
  }),
  request('deploy-orchestrator', keys.anonKey, {
    action: 'evaluate_flag',
    name: 'new-checkout',
    environment: 'production',
    subject: 'user-42',
  }),
  request('production-monitoring', null, { action: 'health_check' }),
  request('production-monitoring', keys.serviceRoleKey, {
    action: 'record_requests',
    requests: samples,
  }),
  request('production-monitoring', keys.anonKey, { action: 'system_status' }),
];

const statuses = new Map<number, number>();
const result = await new Promise<autocannon.Result>((resolve, reject) => {
  const instance = autocannon(
    { url: base, connections: 16, overallRate: RATE, duration: SECONDS, requests: mix },
    (err, done) => (err ? reject(err) : resolve(done)),
  );
  instance.on('response', (_client, statusCode: number) => {
    statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
  });
});

await stopStackProcess(stack);
if (postgresProcessesFor(dataDir).length === 0) rmSync(dataDir, { recursive: true, force: true });

const fiveXX = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
const summary = {
  seconds: SECONDS,
  target_rate: RATE,
  requests: result.requests.total,
  achieved_rate: Math.round(result.requests.total / SECONDS),
  statuses: Object.fromEntries(statuses),
  errors: result.errors,
  timeouts: result.timeouts,
  latency_ms: {
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
  },
  mix: mix.map((m) => JSON.parse(m.body).action),
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/load.json', `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary, null, 2));
const non200 = [...statuses].filter(([s]) => s !== 200).reduce((n, [, c]) => n + c, 0);
if (fiveXX > 0 || non200 > 0 || result.errors > 0 || result.timeouts > 0) {
  console.error(`load: ${fiveXX} 5xx, ${non200} non-200, ${result.errors} errors`);
  process.exit(1);
}
console.log(
  `load: ${summary.requests} requests in ${SECONDS} s at ${summary.achieved_rate}/s, 0 5xx, ` +
    `p50 ${summary.latency_ms.p50} ms, p99 ${summary.latency_ms.p99} ms`,
);
