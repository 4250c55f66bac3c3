/**
 * No request starves the others (`npm run bench:starvation`; issue 12, point 6). Locally every
 * function shares one event loop, and on hosted a request has 2 s of CPU: the largest requests a
 * caller may send must stay cheap, and must not stall everybody else's. For each kind of hostile
 * caller, four clients send the largest request they may (bodies up to the 1 MiB limit) back to
 * back while a bystander calls `health_check` at 20 per second; the baseline is the same
 * bystander with nobody else, measured in the same run.
 */
import { quantile, startBenchStack } from './support.ts';

const stack = await startBenchStack();
const SECONDS = Number(process.argv[2] ?? 8);
const ATTACKERS = 4;
const MIB = 1024 * 1024;

const statements = (bytes: number) => {
  const parts: string[] = [];
  for (let i = 0, size = 0; size < bytes; i++) {
    const s = `alter table public.t${i % 40} add column c${i} text default 'x';\n`;
    parts.push(s);
    size += s.length;
  }
  return parts.join('');
};
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const stranger = await stack.personToken('mallory@example.com', []);
const deployer = await stack.personToken('dana@example.com', ['deployer']);
// Its JSON body (newlines escaped) stays just under the 1 MiB limit.
const lintSql = statements(MIB - 48 * 1024);
const samples = Array.from({ length: 5000 }, (_, i) => ({
  duration_ms: 50 + (i % 400),
  status: i % 50 === 0 ? 503 : 200,
  route: `/r/${i % 20}`,
  environment: 'production',
}));

async function post(fn: string, body: string, token = stack.serviceKey) {
  return (await stack.call(fn, body, token)).status;
}

interface Attack {
  name: string;
  /** What one request answers, checked so the attack measures what it claims to. */
  expect: number;
  send(): Promise<number>;
}

const ATTACKS: Attack[] = [
  {
    name: 'anonymous: 1 MiB body nested 500,000 deep (public action)',
    expect: 400,
    send: () =>
      post('production-monitoring', `{"action":"health_check","x":${nested(500_000)}}`, ''),
  },
  {
    name: 'signed-up user, no role: 1 MiB lint_migration',
    expect: 403,
    send: () =>
      post(
        'database-scalability',
        JSON.stringify({ action: 'lint_migration', sql: lintSql, live: false }),
        stranger,
      ),
  },
  {
    name: 'deployer: 1 MiB lint_migration (the largest admitted lint)',
    expect: 200,
    send: () =>
      post(
        'database-scalability',
        JSON.stringify({ action: 'lint_migration', sql: lintSql, live: false }),
        deployer,
      ),
  },
  {
    name: 'telemetry source: 5,000-sample record_requests batch',
    expect: 200,
    send: () =>
      post(
        'production-monitoring',
        JSON.stringify({ action: 'record_requests', requests: samples }),
      ),
  },
];

/** health_check at a fixed 20/s for the duration, as a bystander sees it. */
async function bystander(seconds: number): Promise<number[]> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < seconds * 20; i++) {
    const due = started + i * 50;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    pending.push(
      (async () => {
        const t = performance.now();
        const status = await post(
          'production-monitoring',
          '{"action":"health_check"}',
          stack.serviceKey,
        );
        if (status !== 200) throw new Error(`health_check answered ${status}`);
        latencies.push(performance.now() - t);
      })(),
    );
  }
  await Promise.all(pending);
  return latencies;
}

async function underAttack(attack: Attack) {
  const durations: number[] = [];
  let stop = false;
  const attackers = Array.from({ length: ATTACKERS }, async () => {
    while (!stop) {
      const t = performance.now();
      const status = await attack.send();
      if (status !== attack.expect)
        throw new Error(`${attack.name}: answered ${status}, expected ${attack.expect}`);
      durations.push(performance.now() - t);
    }
  });
  const latencies = await bystander(SECONDS);
  stop = true;
  await Promise.all(attackers);
  return { durations, latencies };
}

const fmt = (ms: number) => `${ms.toFixed(0)} ms`;
try {
  await bystander(2); // warm-up
  const baseline = await bystander(SECONDS);
  const p50 = quantile(baseline, 0.5);
  const p99 = quantile(baseline, 0.99);
  const rows = [`| nobody else (baseline) | — | — | ${fmt(p50)} | ${fmt(p99)} | 1.0× |`];
  for (const attack of ATTACKS) {
    const { durations, latencies } = await underAttack(attack);
    const q99 = quantile(latencies, 0.99);
    rows.push(
      `| ${attack.name} | ${attack.expect} | ${fmt(quantile(durations, 0.5))} / ${fmt(Math.max(...durations))} | ${fmt(quantile(latencies, 0.5))} | ${fmt(q99)} | ${(q99 / p99).toFixed(1)}× |`,
    );
  }
  console.log(`${ATTACKERS} hostile clients back to back, ${SECONDS} s each; health_check at 20/s alongside.

| hostile caller and request | answer | its time, median / max | health_check p50 | health_check p99 | p99 ÷ baseline |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}`);
} finally {
  await stack.stop();
}
