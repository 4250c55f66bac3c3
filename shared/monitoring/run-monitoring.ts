import { FUNCTION_NAMES } from '../function-names.ts';
import { DEFAULT_THRESHOLDS } from '../rollout/types.ts';
import type { Pool } from '../sql/client.ts';
import {
  insertProbe,
  openIncident,
  recentFailures,
  resolveIncident,
  selectEnabledTargets,
} from '../sql/monitoring.ts';
import { type ProbeRequest, probe } from './probe.ts';

/**
 * The procedure documents' trigger, three consecutive failed health checks: the default of every
 * environment's `max_failed_health_checks`, and the value for targets without an environment
 * (every function's own health_check).
 */
export const FAILURES_FOR_INCIDENT = DEFAULT_THRESHOLDS.max_failed_health_checks;

export interface ProbePlan extends ProbeRequest {
  /** Consecutive failures that open the target's incident. */
  failures_for_incident: number;
}

/** Every function's health_check (when the functions' URL is known) and every enabled target. */
export async function probeRequests(
  sql: Pool,
  supabaseUrl: string | undefined,
): Promise<ProbePlan[]> {
  const functions: ProbePlan[] = supabaseUrl
    ? FUNCTION_NAMES.map((name) => ({
        target: `function:${name}`,
        url: `${supabaseUrl.replace(/\/$/, '')}/functions/v1/${name}`,
        expected_status: 200,
        body: '{"action":"health_check"}',
        failures_for_incident: FAILURES_FOR_INCIDENT,
      }))
    : [];
  const targets = (await selectEnabledTargets(sql, FAILURES_FOR_INCIDENT)).map((t) => ({
    target: t.name,
    url: t.url,
    expected_status: t.expected_status,
    failures_for_incident: t.max_failed_health_checks,
  }));
  return [...functions, ...targets];
}

/**
 * Probes everything in parallel, records each result, opens an incident on a target's
 * `max_failed_health_checks`-th consecutive failure (its environment's; 3 by default) and resolves
 * it on its next success. Probing happens outside any transaction; each target's bookkeeping is
 * one short transaction.
 */
export async function runMonitoring(sql: Pool, supabaseUrl: string | undefined) {
  const plans = await probeRequests(sql, supabaseUrl);
  const results = await Promise.all(plans.map(probe));
  const opened: string[] = [];
  const resolved: string[] = [];
  for (const [i, result] of results.entries()) {
    const needed = plans[i]?.failures_for_incident ?? FAILURES_FOR_INCIDENT;
    await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtext(${`rollgate.probe.${result.target}`}))`;
      await insertProbe(tx, result);
      if (result.ok) {
        if ((await resolveIncident(tx, result.target)).length) resolved.push(result.target);
        return;
      }
      if ((await recentFailures(tx, result.target, needed)) === needed) {
        const reason = `${needed} consecutive failed probes; last: ${result.error}`;
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
