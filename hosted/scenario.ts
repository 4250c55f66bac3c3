/**
 * The hosted-parity scenario: what a team's CI and operators do against a hosted project, and
 * what the project must then do on its own — with no Rollgate process anywhere. It talks HTTP to
 * the gateway only (as a CI script would, with the project's `sb_secret_…` key), reads the
 * database as `postgres` to observe effects, and, as the platform, moves the two daily retention
 * schedules to the next minute so pg_cron runs them now. One line per item; exit 1 on any failure.
 *
 *   node --import tsx hosted/scenario.ts <secrets dir>
 */

import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { importJWK, SignJWT } from 'jose';
import postgres from 'postgres';
import { FUNCTION_NAMES } from '../shared/function-names.ts';
import { signOperatorToken } from '../stack/keys.ts';
import { type HostedProject, readProject } from './project.ts';

const [secretsDir] = process.argv.slice(2);
if (!secretsDir) {
  console.error('usage: hosted/scenario.ts <secrets dir>');
  process.exit(2);
}
const project: HostedProject = readProject(secretsDir);
/** Everything cron-driven must have happened within this long after the scenario starts. */
const DEADLINE_MS = Number(process.env.ROLLGATE_HOSTED_DEADLINE_MS ?? 200_000);
const started = Date.now();
const db = postgres(project.urls.db, { max: 2, onnotice: () => {} });
const admin = postgres(project.urls.admin, { max: 1, onnotice: () => {} });
const GOOD_GATES = {
  code_coverage: 86,
  security_critical: 0,
  performance_p95_ms: 140,
  integration_pass_rate: 100,
  vulnerabilities_high: 0,
};
const run = `hp${Date.now().toString(36)}`;

// --- reporting -------------------------------------------------------------------------------------
const failures: string[] = [];
async function item(name: string, body: () => Promise<string>): Promise<boolean> {
  const t = Date.now();
  try {
    const detail = await body();
    console.log(`  ok   ${name}: ${detail} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    return true;
  } catch (err) {
    failures.push(name);
    console.log(`  FAIL ${name}: ${(err as Error).message}`);
    return false;
  }
}
function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>) {
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > DEADLINE_MS)
      throw new Error(`not within ${DEADLINE_MS / 1000} s of the start: ${what}`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

// --- HTTP as a CI script sends it --------------------------------------------------------------------
interface Answer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: JSON envelopes read field by field
  body: any;
}
async function call(
  fn: string,
  body: Record<string, unknown>,
  credential: string | null = project.keys.secret,
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (credential) {
    headers.authorization = `Bearer ${credential}`;
    if (credential.startsWith('sb_')) headers.apikey = credential;
  }
  const response = await fetch(`${project.urls.functions}/${fn}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: jsonOrText(text) };
}
/** The parsed body, or the text itself when it is not JSON (kept for the message). */
function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
function expectOk(answer: Answer, what: string) {
  check(
    answer.status === 200 && answer.body?.ok === true,
    `${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`,
  );
  return answer.body.result;
}
const orchestrator = (action: string, body: Record<string, unknown> = {}) =>
  call('deploy-orchestrator', { action, ...body });

async function userJwt(role: string, signingKey = project.keys.signingKey) {
  const key = await importJWK(signingKey, 'ES256');
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    role,
    aud: 'authenticated',
    email: 'carol@example.com',
    session_id: randomUUID(),
  })
    .setProtectedHeader({ alg: 'ES256', kid: signingKey.kid ?? '', typ: 'JWT' })
    .setIssuer(`${project.urls.gateway}/auth/v1`)
    .setSubject(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(key);
}

function requests(deployment_id: string, variant: string, count: number, errorsPer100: number) {
  return Array.from({ length: count }, (_, i) => ({
    duration_ms: 80 + (i % 25),
    status: i % 100 < errorsPer100 ? 500 : 200,
    environment: 'production',
    deployment_id,
    variant,
  }));
}

// biome-ignore lint/suspicious/noExplicitAny: Slack's Block Kit bodies
type Slack = { channel: string; body: any; at: string };
async function slack(): Promise<Slack[]> {
  const response = await fetch(`http://127.0.0.1:${project.ports.slack}/__received`);
  return (await response.json()) as Slack[];
}
const mentions = (m: Slack, text: string) => JSON.stringify(m.body).includes(text);

// --- the items ---------------------------------------------------------------------------------------
async function noRollgateProcess(): Promise<string> {
  const listening = await new Promise<boolean>((done) => {
    const socket = connect({ host: '127.0.0.1', port: 54321 });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
  check(!listening, 'something listens on 127.0.0.1:54321 (the local stack?)');
  // A Rollgate Node process (the stack, its queue workers, its webhook relay) working for this
  // project would need this project's database: look for one whose command line or environment
  // names the database's or the pooler's port. (Other projects' stacks on a shared machine are
  // not this project's.)
  const ports = [project.ports.db, project.ports.pooler].map((p) => `127.0.0.1:${p}`);
  const stack: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    let cmdline = '';
    let environ = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (!/stack\/|npm start|rollgate/.test(cmdline) || /hosted\//.test(cmdline)) continue;
      environ = readFileSync(`/proc/${pid}/environ`, 'utf8');
    } catch {
      continue; // gone meanwhile, or not ours to read
    }
    if (ports.some((p) => cmdline.includes(p) || environ.includes(p))) stack.push(pid);
  }
  check(
    stack.length === 0,
    `a Rollgate process uses this project's database (pids ${stack.join(', ')})`,
  );
  // And from the database's side: nobody LISTENs (the stack's relays do), no pg-boss supervisor.
  const sessions = await admin<{ application_name: string; query: string }[]>`
    select application_name, query from pg_stat_activity
     where datname = 'postgres' and pid <> pg_backend_pid() and backend_type = 'client backend'
       and (query ilike 'listen%' or application_name ilike '%pgboss%'
            or application_name ilike '%rollgate-stack%')`;
  check(
    sessions.length === 0,
    `sessions of a Rollgate process: ${sessions.map((s) => `${s.application_name}: ${s.query.slice(0, 40)}`).join('; ')}`,
  );
  return 'nothing on 127.0.0.1:54321; no stack, worker or relay process on this database; no LISTEN session';
}

async function healthChecks(): Promise<string> {
  for (const fn of FUNCTION_NAMES) {
    const answer = await call(fn, { action: 'health_check' }, null);
    check(
      answer.status === 200 && answer.body?.result?.status === 'healthy',
      `${fn} health_check: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`,
    );
  }
  return `all ${FUNCTION_NAMES.length} answer healthy, bare, through /functions/v1`;
}

async function openApiDocuments(): Promise<string> {
  let paths = 0;
  for (const fn of FUNCTION_NAMES) {
    const response = await fetch(`${project.urls.functions}/${fn}/openapi.json`);
    const text = await response.text();
    const body = jsonOrText(text);
    const document: { openapi?: string; paths?: Record<string, unknown> } =
      typeof body === 'object' && body !== null ? body : {};
    const own = Object.keys(document.paths ?? {}).filter((p) => p.startsWith(`/${fn}`));
    check(
      response.status === 200 && document.openapi === '3.1.0' && own.length > 0,
      `${fn}/openapi.json: ${response.status} ${text.slice(0, 200)}`,
    );
    paths += own.length;
  }
  return `all ${FUNCTION_NAMES.length} serve their OpenAPI 3.1 document (${paths} paths), built from the uploaded files`;
}

async function keys(): Promise<string> {
  const secret = await orchestrator('list_environments');
  expectOk(secret, 'sb_secret_… key on list_environments');
  const publishable = await call(
    'deploy-orchestrator',
    { action: 'create_freeze' },
    project.keys.publishable,
  );
  check(
    publishable.status === 401 || publishable.status === 403,
    `sb_publishable_… key on a service_role action: ${publishable.status}, expected 401/403`,
  );
  expectOk(
    await call('deploy-orchestrator', { action: 'list_environments' }, project.keys.serviceRole),
    'legacy service_role key (SUPABASE_SERVICE_ROLE_KEY) on list_environments',
  );
  const anon = await call('deploy-orchestrator', { action: 'create_freeze' }, project.keys.anon);
  check(
    anon.status === 401 || anon.status === 403,
    `legacy anon key on a service_role action: ${anon.status}, expected 401/403`,
  );
  const user = await call(
    'deploy-orchestrator',
    { action: 'list_deployments' },
    await userJwt('authenticated'),
  );
  expectOk(user, 'ES256 user JWT (SUPABASE_JWKS) on list_deployments');
  const forged = `${(await userJwt('service_role')).slice(0, -8)}AAAAAAAA`;
  const refused = await call('deploy-orchestrator', { action: 'list_environments' }, forged);
  check(refused.status === 401, `a forged JWT: ${refused.status}, expected 401`);
  return 'sb_secret and legacy service_role accepted, sb_publishable and legacy anon refused for service work, JWKS user JWT verified, forged JWT 401';
}

async function schedules(): Promise<string> {
  const jobs = await db<{ jobname: string; schedule: string; command: string }[]>`
    select jobname, schedule, command from cron.job order by jobname`;
  const rollgate = jobs.filter((j) => j.jobname.startsWith('rollgate-'));
  check(rollgate.length > 0, 'no rollgate-* job in cron.job (did the set-up run?)');
  const notify = rollgate.filter((j) => /pg_notify/.test(j.command));
  check(
    notify.length === 0,
    `${notify.map((j) => j.jobname).join(', ')} only pg_notify, which no process hears on hosted`,
  );
  const http = rollgate.filter((j) => /net\.http_post|invoke/.test(j.command));
  check(http.length > 0, 'no schedule calls a function through pg_net');
  return `${rollgate.map((j) => `${j.jobname} (${j.schedule})`).join(', ')}`;
}

async function staging(version: string): Promise<string> {
  const answer = await orchestrator('start_deployment', {
    environment: 'staging',
    version,
    actor: 'alice',
  });
  const result = expectOk(answer, `staging start_deployment ${version}`);
  check(result.status === 'succeeded', `staging ${version} is ${result.status}`);
  return result.deployment_id;
}

/** A person signed in through the project's Auth, with Rollgate roles in app_metadata. */
const person = (email: string, roles: string[]) =>
  signOperatorToken(project.keys.signingKey, email, roles, {
    issuer: `${project.urls.gateway}/auth/v1`,
  });

async function productionCanary(version: string, steps: unknown[]): Promise<string> {
  // Alice deploys (and may approve others' rollouts); Bob approves; no key approves.
  const alice = await person('alice@example.com', ['deployer:production', 'approver:production']);
  const bob = await person('bob@example.com', ['approver:production']);
  const answer = await call(
    'deploy-orchestrator',
    {
      action: 'start_deployment',
      environment: 'production',
      version,
      gates: GOOD_GATES,
      steps,
      traffic: { provider: 'feature_flag', flag: `checkout-${version}` },
    },
    alice,
  );
  const result = expectOk(answer, `production start_deployment ${version}`);
  check(result.status === 'pending_approval', `production ${version} is ${result.status}`);
  const byKey = await orchestrator('approve', { deployment_id: result.deployment_id });
  check(
    byKey.status === 403 && byKey.body?.error?.code === 'forbidden',
    `approval with the secret key: ${byKey.status} ${JSON.stringify(byKey.body).slice(0, 200)}`,
  );
  const self = await call(
    'deploy-orchestrator',
    { action: 'approve', deployment_id: result.deployment_id },
    alice,
  );
  check(
    self.status === 422 && self.body?.error?.code === 'approval_by_deployer',
    `approval by the deployer: ${self.status} ${JSON.stringify(self.body).slice(0, 200)}`,
  );
  const approved = expectOk(
    await call(
      'deploy-orchestrator',
      { action: 'approve', deployment_id: result.deployment_id },
      bob,
    ),
    'approval by bob',
  );
  check(approved.status === 'progressing', `after bob's approval: ${approved.status}`);
  check(approved.approved_by === 'bob@example.com', `approved_by ${approved.approved_by}`);
  return result.deployment_id;
}

async function status(deployment_id: string) {
  return expectOk(await orchestrator('get_status', { deployment_id }), 'get_status');
}

/** database-scalability's lint runs PostgreSQL's parser (libpg-query's WebAssembly) when deployed. */
async function migrationLint() {
  const result = expectOk(
    await call('database-scalability', {
      action: 'lint_migration',
      sql: "set lock_timeout = '5s';\nset statement_timeout = '1min';\ncreate index on public.deployments (version);\nalter tble x;",
    }),
    'lint_migration',
  );
  const findings = (result.details?.findings ?? []) as Array<{
    rule: string;
    line: number;
    column: number;
  }>;
  const rules = findings.map((f) => `${f.rule}@${f.line}:${f.column}`);
  check(rules.includes('require-concurrent-index-creation@3:17'), `findings: ${rules.join(', ')}`);
  check(
    findings.some((f) => f.rule === 'syntax-error' && f.line === 4),
    `findings: ${rules.join(', ')}`,
  );
  return rules.join(', ');
}

async function main() {
  console.log(
    `hosted-parity scenario (run ${run}), everything cron-driven within ${DEADLINE_MS / 1000} s`,
  );
  await item('no Rollgate process', noRollgateProcess);
  await item('functions', healthChecks);
  await item('OpenAPI documents', openApiDocuments);
  await item('keys', keys);
  await item('schedules', schedules);
  await item('migration lint on the parser (WebAssembly, from npm)', migrationLint);

  // The daily retention jobs, moved by the platform to run at the next minute like any schedule.
  const retentionJobs = await admin<{ jobid: number; jobname: string; schedule: string }[]>`
    select jobid, jobname, schedule from cron.job
     where jobname in ('rollgate-telemetry-retention', 'rollgate-gdpr-retention')`;
  for (const job of retentionJobs)
    await admin`update cron.job set schedule = '* * * * *' where jobid = ${job.jobid}`;

  const bad = `${run}.1-bad`;
  const good = `${run}.2-good`;
  let badId = '';
  let goodId = '';
  const stagedOk = await item('staging first', async () => {
    await staging(bad);
    await staging(good);
    return `${bad} and ${good} succeeded on staging (direct)`;
  });
  const badOk =
    stagedOk &&
    (await item('failing canary rolled back at commit', async () => {
      badId = await productionCanary(bad, [
        { weight: 25, pause_seconds: 600 },
        { weight: 100, pause_seconds: 0 },
      ]);
      await orchestratorTelemetry(badId, 600, 0, 1);
      await orchestratorTelemetry(badId, 0, 200, 20);
      const s = await status(badId);
      check(s.status === 'rolled_back', `the bad canary is ${s.status}`);
      return `${badId}: gates, approval by bob (not alice), rolled back: ${String(s.rollback_reason).slice(0, 80)}`;
    }));
  const goodOk =
    stagedOk &&
    badOk &&
    (await item('healthy canary started', async () => {
      goodId = await productionCanary(good, [
        { weight: 50, pause_seconds: 1 },
        { weight: 100, pause_seconds: 0 },
      ]);
      await orchestratorTelemetry(goodId, 600, 200, 1);
      return `${goodId} at 50 %, healthy telemetry recorded; its timer waits for pg_cron's tick`;
    }));

  const alertRule = `hosted-parity-${run}`;
  const alertEnvironment = `hp-${run}`.slice(0, 50);
  const alertReady = await item('alert rule and errors recorded', async () => {
    expectOk(
      await call('error-tracking', {
        action: 'create_alert_rule',
        name: alertRule,
        metric: 'error_events',
        threshold: 0,
        comparison: 'above',
        time_window: '5m',
        environment: alertEnvironment,
        severity: 'warning',
      }),
      'create_alert_rule',
    );
    expectOk(
      await call('error-tracking', {
        action: 'track_error',
        error_message: 'hosted parity: checkout failed',
        component: 'checkout',
        severity: 'error',
        environment: alertEnvironment,
      }),
      'track_error',
    );
    return `rule "${alertRule}" (error_events > 0, 5m); nothing evaluates it but the schedule`;
  });

  const external = `${run}-external`;
  const logged = await item('log_deployment by another tool', async () => {
    expectOk(
      await call('production-monitoring', {
        action: 'log_deployment',
        deployment: {
          deployment_id: external,
          environment: 'staging',
          status: 'success',
          version: `${run}.ext`,
          deployed_by: 'jenkins',
        },
      }),
      'log_deployment',
    );
    return `${external} in deployment_audit; only the database webhook turns it into Slack messages`;
  });

  // What the project does on its own from here: pg_cron → pg_net → functions, in parallel.
  await Promise.all([
    item('healthy canary reaches 100 % on pg_cron ticks', async () => {
      check(goodOk, 'the healthy canary did not start');
      const s = await until(`${goodId} succeeded`, async () => {
        const current = await status(goodId);
        check(!['rolled_back', 'failed'].includes(current.status), `it ended ${current.status}`);
        return current.status === 'succeeded' ? current : null;
      });
      check(s.weight === 100, `succeeded at weight ${s.weight}`);
      const flags = expectOk(
        await orchestrator('list_flags', { environment: 'production' }),
        'list_flags',
      );
      const flag = flags.flags.find((f: { name: string }) => f.name === `checkout-${good}`);
      check(flag?.rollout_percentage === 100, `flag at ${flag?.rollout_percentage} %`);
      return `${goodId} succeeded at 100 %, flag checkout-${good} at 100 %`;
    }),
    item('synthetic monitoring on schedule', async () => {
      const rows = await until('a probe of every function', async () => {
        const probes = await db<{ target: string; ok: boolean }[]>`
          select distinct on (target) target, ok from public.monitoring_probes
           where target like 'function:%' and probed_at >= ${new Date(started)}
           order by target, probed_at desc`;
        return probes.length === FUNCTION_NAMES.length ? probes : null;
      });
      const failing = rows.filter((r) => !r.ok).map((r) => r.target);
      check(failing.length === 0, `probes failed: ${failing.join(', ')}`);
      return `${rows.length} function health checks probed and ok via SUPABASE_URL`;
    }),
    item('alert evaluation on schedule', async () => {
      check(alertReady, 'no alert rule');
      const fired = await until(`rule ${alertRule} fired`, async () => {
        const [row] = await db<{ value: number }[]>`
          select e.value from public.alert_events e join public.alert_rules r on r.id = e.rule_id
           where r.name = ${alertRule} and e.kind = 'fired'`;
        return row;
      });
      return `fired with value ${fired.value}`;
    }),
    item('Slack: rollback on both channels', async () => {
      check(badOk, 'no rollback happened');
      const messages = await until(`Slack messages for ${badId}`, async () => {
        const all = (await slack()).filter((m) => mentions(m, badId));
        const channels = new Set(all.map((m) => m.channel));
        return channels.has('normal') && channels.has('emergency') ? all : null;
      });
      return `${messages.length} messages for ${badId} (deployment channel and emergency)`;
    }),
    item('deployment_audit database webhook', async () => {
      check(logged, 'nothing logged');
      const messages = await until(`a Slack message for ${external}`, async () => {
        const all = (await slack()).filter((m) => mentions(m, external));
        return all.length ? all : null;
      });
      const [hook] = await db<{ status: number | null }[]>`
        select status_code as status from net._http_response
         where content like ${`%${external}%`}
         order by id desc limit 1`.catch(() => [] as { status: number | null }[]);
      return `${messages.length} Slack message(s) for ${external} after pg_net posted the INSERT to deploy-orchestrator${hook ? ` (HTTP ${hook.status})` : ''}`;
    }),
    item('telemetry and GDPR retention run by pg_cron', async () => {
      check(
        retentionJobs.length === 2,
        `retention jobs in cron.job: ${retentionJobs.length}, expected 2`,
      );
      const runs = await until('both retention jobs ran', async () => {
        const rows = await db<{ jobid: number; status: string; return_message: string }[]>`
          select distinct on (jobid) jobid, status, return_message from cron.job_run_details
           where jobid in ${db(retentionJobs.map((j) => j.jobid))}
             and status in ('succeeded', 'failed')
           order by jobid, runid desc`;
        return rows.length === 2 ? rows : null;
      });
      for (const job of retentionJobs)
        await admin`update cron.job set schedule = ${job.schedule} where jobid = ${job.jobid}`;
      const failed = runs.filter((r) => r.status !== 'succeeded');
      check(
        failed.length === 0,
        `failed: ${failed.map((r) => `${r.jobid} ${r.return_message}`).join('; ')}`,
      );
      const [gdpr] = await db<{ n: number }[]>`
        select count(*)::int as n from public.gdpr_retention_runs
         where ran_at >= ${new Date(started)}`;
      check((gdpr?.n ?? 0) > 0, 'no gdpr_retention_runs row from this run');
      return `${retentionJobs.map((j) => j.jobname).join(' and ')} succeeded as the job's user; gdpr_retention_runs recorded`;
    }),
  ]);

  await item('Slack: success on the deployment channel', async () => {
    check(goodOk, 'no healthy rollout');
    const messages = await until(`a Slack message for ${goodId}`, async () => {
      const all = (await slack()).filter((m) => m.channel === 'normal' && mentions(m, goodId));
      return all.length ? all : null;
    });
    return `${messages.length} messages for ${goodId}`;
  });
  await item('every pg_cron run and pg_net call succeeded', async () => {
    const runs = await db<{ jobname: string; status: string; n: number; message: string }[]>`
      select j.jobname, d.status, count(*)::int as n, max(d.return_message) as message
        from cron.job_run_details d join cron.job j using (jobid)
       where j.jobname like 'rollgate-%' and d.start_time >= ${new Date(started)}
       group by 1, 2 order by 1, 2`;
    const calls = await db<{ status: number | null; error: string | null; n: number }[]>`
      select status_code as status, max(error_msg) as error, count(*)::int as n
        from net._http_response where created >= ${new Date(started)}
       group by 1 order by 1`;
    const badRuns = runs.filter((r) => r.status !== 'succeeded');
    const badCalls = calls.filter((c) => c.status === null || c.status < 200 || c.status > 299);
    const describe = () =>
      `cron: ${runs.map((r) => `${r.jobname} ${r.status} ×${r.n}`).join(', ') || 'none'}; pg_net: ${calls.map((c) => `${c.status ?? c.error} ×${c.n}`).join(', ') || 'none'}`;
    check(runs.length > 0 && calls.length > 0, `nothing ran (${describe()})`);
    check(badRuns.length === 0 && badCalls.length === 0, describe());
    return describe();
  });
  await item('audit chain intact', async () => {
    const audit = expectOk(await orchestrator('verify_audit'), 'verify_audit');
    check(audit.intact === true, `broken at ${audit.first_broken_id}: ${audit.reason}`);
    return `${audit.rows_checked} rows`;
  });
}

async function orchestratorTelemetry(
  deployment_id: string,
  stable: number,
  canary: number,
  errorsPer100: number,
) {
  const batch = [
    ...requests(deployment_id, 'stable', stable, 1),
    ...requests(deployment_id, 'canary', canary, errorsPer100),
  ];
  expectOk(
    await call('production-monitoring', { action: 'record_requests', requests: batch }),
    'record_requests',
  );
}

try {
  await main();
} catch (err) {
  failures.push('scenario');
  console.log(`  FAIL scenario: ${(err as Error).message}`);
} finally {
  await db.end({ timeout: 1 });
  await admin.end({ timeout: 1 });
}
const seconds = ((Date.now() - started) / 1000).toFixed(0);
if (failures.length) {
  console.log(
    `hosted-parity scenario: ${failures.length} failed (${failures.join(', ')}) in ${seconds} s`,
  );
  process.exit(1);
}
console.log(`hosted-parity scenario: every item passed in ${seconds} s`);
