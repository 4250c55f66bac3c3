import { FUNCTION_NAMES } from '../function-names.ts';
import type { Pool } from '../sql/client.ts';
import {
  insertProbe,
  openIncident,
  recentFailures,
  resolveIncident,
  selectEnabledTargets,
} from '../sql/monitoring.ts';
import { type ProbeRequest, probe } from './probe.ts';

/** The procedure documents' trigger: three consecutive failed health checks. */
export const FAILURES_FOR_INCIDENT = 3;

/** Every function's health_check (when the functions' URL is known) and every enabled target. */
export async function probeRequests(
  sql: Pool,
  supabaseUrl: string | undefined,
): Promise<ProbeRequest[]> {
  const functions: ProbeRequest[] = supabaseUrl
    ? FUNCTION_NAMES.map((name) => ({
        target: `function:${name}`,
        url: `${supabaseUrl.replace(/\/$/, '')}/functions/v1/${name}`,
        expected_status: 200,
        body: '{"action":"health_check"}',
      }))
    : [];
  const targets = (await selectEnabledTargets(sql)).map((t) => ({
    target: t.name,
    url: t.url,
    expected_status: t.expected_status,
  }));
  return [...functions, ...targets];
}

/**
 * Probes everything in parallel, records each result, opens an incident on the third consecutive
 * failure of a target and resolves it on its next success. Probing happens outside any
 * transaction; each target's bookkeeping is one short transaction.
 */
export async function runMonitoring(sql: Pool, supabaseUrl: string | undefined) {
  const results = await Promise.all((await probeRequests(sql, supabaseUrl)).map(probe));
  const opened: string[] = [];
  const resolved: string[] = [];
  for (const result of results) {
    await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtext(${`rollgate.probe.${result.target}`}))`;
      await insertProbe(tx, result);
      if (result.ok) {
        if ((await resolveIncident(tx, result.target)).length) resolved.push(result.target);
        return;
      }
      if (
        (await recentFailures(tx, result.target, FAILURES_FOR_INCIDENT)) === FAILURES_FOR_INCIDENT
      ) {
        const reason = `${FAILURES_FOR_INCIDENT} consecutive failed probes; last: ${result.error}`;
        if ((await openIncident(tx, result.target, reason)).length) opened.push(result.target);
      }
    });
  }
  return {
    probed: results.length,
    healthy: results.filter((r) => r.ok).length,
    probes: results,
    incidents_opened: opened,
    incidents_resolved: resolved,
  };
}
