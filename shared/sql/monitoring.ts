import type { Sql } from './client.ts';

export interface MonitoringTarget {
  name: string;
  url: string;
  expected_status: number;
  /** The environment whose rollouts its incidents count against; null: none of them. */
  environment: string | null;
}

/**
 * Enabled targets, each with how many consecutive failed probes open its incident: its
 * environment's `max_failed_health_checks`, else `fallback` (the procedure documents' 3).
 */
export function selectEnabledTargets(sql: Sql, fallback: number) {
  return sql<(MonitoringTarget & { max_failed_health_checks: number })[]>`
    select t.name, t.url, t.expected_status, t.environment,
           coalesce((e.thresholds->>'max_failed_health_checks')::int, ${fallback}) as max_failed_health_checks
      from public.monitoring_targets t left join public.environments e on e.name = t.environment
     where t.enabled order by t.name`;
}

/**
 * Adds or changes a target; `environment` or `service` undefined keeps an existing target's
 * value (none for a new one).
 */
export function upsertTarget(
  sql: Sql,
  t: Omit<MonitoringTarget, 'environment'> & {
    enabled: boolean;
    environment?: string | null;
    service?: string | null;
  },
) {
  const keepEnvironment = t.environment === undefined;
  const keepService = t.service === undefined;
  return sql<
    {
      id: number;
      name: string;
      url: string;
      expected_status: number;
      enabled: boolean;
      environment: string | null;
      service: string | null;
    }[]
  >`
    insert into public.monitoring_targets (name, url, expected_status, enabled, environment, service)
    values (${t.name}, ${t.url}, ${t.expected_status}, ${t.enabled}, ${t.environment ?? null},
            ${t.service ?? null})
    on conflict (name) do update set url = excluded.url, expected_status = excluded.expected_status,
      enabled = excluded.enabled,
      environment = case when ${keepEnvironment} then monitoring_targets.environment
                         else excluded.environment end,
      service = case when ${keepService} then monitoring_targets.service else excluded.service end
    returning id::float8 as id, name, url, expected_status, enabled, environment, service`;
}

export interface ProbeResult {
  target: string;
  ok: boolean;
  status: number | null;
  latency_ms: number;
  error: string | null;
}

export function insertProbe(tx: Sql, probe: ProbeResult) {
  return tx`
    insert into public.monitoring_probes (target, ok, status, latency_ms, error)
    values (${probe.target}, ${probe.ok}, ${probe.status}, ${probe.latency_ms}, ${probe.error})`;
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
