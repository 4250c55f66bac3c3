import type { ProbeResult } from '../sql/monitoring.ts';

export const PROBE_TIMEOUT_MS = 5000;

export interface ProbeRequest {
  target: string;
  url: string;
  expected_status: number;
  /** Function health checks are POSTed with the action; plain targets are fetched with GET. */
  body?: string;
}

/** One HTTP probe: ok when the expected status arrives within the timeout. */
export async function probe(request: ProbeRequest): Promise<ProbeResult> {
  const started = performance.now();
  try {
    const response = await fetch(request.url, {
      method: request.body ? 'POST' : 'GET',
      headers: request.body ? { 'content-type': 'application/json' } : {},
      body: request.body ?? null,
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    const ok = response.status === request.expected_status;
    return {
      target: request.target,
      ok,
      status: response.status,
      latency_ms: Math.round((performance.now() - started) * 100) / 100,
      error: ok ? null : `expected ${request.expected_status}, got ${response.status}`,
    };
  } catch (err) {
    const timeout = (err as Error).name === 'TimeoutError';
    return {
      target: request.target,
      ok: false,
      status: null,
      latency_ms: Math.round((performance.now() - started) * 100) / 100,
      error: timeout ? `no answer within ${PROBE_TIMEOUT_MS} ms` : (err as Error).message,
    };
  }
}
