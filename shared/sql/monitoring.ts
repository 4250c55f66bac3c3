import type { Sql } from './client.ts';

export interface MonitoringTarget {
  name: string;
  url: string;
  expected_status: number;
}

export function selectEnabledTargets(sql: Sql) {
  return sql<MonitoringTarget[]>`
    select name, url, expected_status from public.monitoring_targets where enabled order by name`;
}

export function upsertTarget(sql: Sql, t: MonitoringTarget & { enabled: boolean }) {
  return sql<
    { id: number; name: string; url: string; expected_status: number; enabled: boolean }[]
  >`
    insert into public.monitoring_targets (name, url, expected_status, enabled)
    values (${t.name}, ${t.url}, ${t.expected_status}, ${t.enabled})
    on conflict (name) do update set url = excluded.url, expected_status = excluded.expected_status,
      enabled = excluded.enabled
    returning id::float8 as id, name, url, expected_status, enabled`;
}

export interface ProbeResult {
  target: string;
  ok: boolean;
  status: number | null;
  latency_ms: number;
  error: string | null;
}

export function insertProbe(tx: Sql, p: ProbeResult) {
  return tx`
    insert into public.monitoring_probes (target, ok, status, latency_ms, error)
    values (${p.target}, ${p.ok}, ${p.status}, ${p.latency_ms}, ${p.error})`;
}

/** How many of the target's most recent `n` probes failed (n when all of them did). */
export async function recentFailures(tx: Sql, target: string, n: number): Promise<number> {
  const [row] = await tx<{ failed: number; total: number }[]>`
    select count(*) filter (where not ok)::int as failed, count(*)::int as total
      from (select ok from public.monitoring_probes where target = ${target}
             order by probed_at desc, id desc limit ${n}) recent`;
  return row && row.total === n ? row.failed : 0;
}

export function openIncident(tx: Sql, target: string, reason: string) {
  return tx<{ id: number }[]>`
    insert into public.incidents (target, reason) values (${target}, ${reason})
    on conflict (target) where resolved_at is null do nothing
    returning id::float8 as id`;
}

export function resolveIncident(tx: Sql, target: string) {
  return tx<{ id: number }[]>`
    update public.incidents set resolved_at = now()
     where target = ${target} and resolved_at is null
    returning id::float8 as id`;
}

export interface LatestProbe extends ProbeResult {
  probed_at: Date;
}

/** The newest probe of every target (for system_status and the health score). */
export function selectLatestProbes(sql: Sql) {
  return sql<LatestProbe[]>`
    select distinct on (target) target, ok, status, latency_ms, error, probed_at
      from public.monitoring_probes order by target, probed_at desc, id desc`;
}

export function selectOpenIncidents(sql: Sql) {
  return sql<{ id: number; target: string; reason: string; opened_at: Date }[]>`
    select id::float8 as id, target, reason, opened_at from public.incidents
     where resolved_at is null order by opened_at`;
}
