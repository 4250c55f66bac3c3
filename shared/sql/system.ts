import type { Sql } from './client.ts';

/** Round trip and server version: the database component of status and score. */
export async function pingDatabase(sql: Sql) {
  const started = performance.now();
  const [row] = await sql<
    { version: string }[]
  >`select current_setting('server_version') as version`;
  return {
    latency_ms: Math.round((performance.now() - started) * 100) / 100,
    version: row?.version ?? '',
  };
}

/** pg-boss's jobs that should have started over a minute ago; null when pg-boss is not installed. */
export async function queueBacklog(
  sql: Sql,
): Promise<{ overdue: number; active: number; failed_last_hour: number } | null> {
  const [present] = await sql<
    { ok: boolean }[]
  >`select to_regclass('pgboss.job') is not null as ok`;
  if (!present?.ok) return null;
  const [row] = await sql<{ overdue: number; active: number; failed_last_hour: number }[]>`
    select count(*) filter (where state in ('created', 'retry') and start_after < now() - interval '1 minute')::int as overdue,
           count(*) filter (where state = 'active')::int as active,
           count(*) filter (where state = 'failed' and completed_on > now() - interval '1 hour')::int as failed_last_hour
      from pgboss.job`;
  return row ?? null;
}

/** Which scheduler runs the periodic work here, and how many jobs it holds. */
export async function schedulerState(
  sql: Sql,
): Promise<{ kind: 'pg_cron' | 'pg-boss' | 'none'; jobs: number }> {
  const [cron] = await sql<{ ok: boolean }[]>`select to_regclass('cron.job') is not null as ok`;
  if (cron?.ok) {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from cron.job where active`;
    return { kind: 'pg_cron', jobs: row?.n ?? 0 };
  }
  const [boss] = await sql<
    { ok: boolean }[]
  >`select to_regclass('pgboss.schedule') is not null as ok`;
  if (boss?.ok) {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from pgboss.schedule`;
    return { kind: 'pg-boss', jobs: row?.n ?? 0 };
  }
  return { kind: 'none', jobs: 0 };
}
