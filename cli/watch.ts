import type { Api } from './client.ts';
import { ApiError, EXIT } from './errors.ts';
import type { Output } from './output.ts';
import {
  type AnalysisView,
  analysisLine,
  endLine,
  type RolloutView,
  stateLine,
  TERMINAL,
} from './render/rollout.ts';

export interface WatchOptions {
  intervalMs: number;
  /** Give up (exit 1) after this long; null waits for the end however long it takes. */
  timeoutMs: number | null;
}

/** Errors worth another poll: the API or its database briefly away. */
const TRANSIENT = new Set([
  'unreachable',
  'database_unavailable',
  'http_502',
  'http_503',
  'http_504',
]);
const MAX_TRANSIENT_IN_A_ROW = 10;

/**
 * Follows a rollout by polling get_status: prints the state whenever status, step or weight
 * change, and each analysis verdict once, until the rollout ends. The exit code tells CI what
 * happened: 0 succeeded, 1 rolled back or failed (or the timeout passed).
 */
export async function watchRollout(api: Api, id: string, out: Output, options: WatchOptions) {
  const started = Date.now();
  let lastState = '';
  let analysesShown = 0;
  let transient = 0;
  for (;;) {
    let s: RolloutView & { analyses: AnalysisView[] };
    try {
      s = await api.call('deploy-orchestrator', { action: 'get_status', deployment_id: id });
      transient = 0;
    } catch (err) {
      if (!(err instanceof ApiError) || !TRANSIENT.has(err.code)) throw err;
      if (++transient >= MAX_TRANSIENT_IN_A_ROW) throw err;
      if (transient === 1) out.error(`rollgate: ${err.code}: ${err.message}; retrying`);
      await sleep(options.intervalMs);
      continue;
    }
    if (lastState === '') {
      const about = { environment: s.environment, version: s.version, strategy: s.strategy };
      const text = `watching ${s.deployment_id}  ${s.environment}  ${s.version}  (${s.strategy}, ${s.total_steps} ${s.total_steps === 1 ? 'step' : 'steps'})`;
      emit(out, 'watch', { ...pick(s), ...about }, text);
    }
    const state = `${s.status}|${s.current_step}|${s.weight}`;
    // A verdict is shown before the state it caused (the step it passed, the rollback it decided).
    for (const a of s.analyses.slice(analysesShown)) emit(out, 'analysis', a, analysisLine(a));
    analysesShown = s.analyses.length;
    if (state !== lastState) emit(out, 'state', pick(s), stateLine(s));
    lastState = state;
    if (TERMINAL.has(s.status)) {
      emit(out, 'end', pick(s), endLine(s));
      return s.status === 'succeeded' ? EXIT.ok : EXIT.failed;
    }
    if (options.timeoutMs !== null && Date.now() - started >= options.timeoutMs) {
      throw new ApiError(
        'timeout',
        `${id} is still ${s.status} after ${Math.round(options.timeoutMs / 1000)} s`,
      );
    }
    await sleep(options.intervalMs);
  }
}

function pick({ deployment_id, status, current_step, total_steps, weight, ...s }: RolloutView) {
  const why = {
    rollback_reason: s.rollback_reason ?? null,
    error_message: s.error_message ?? null,
  };
  return { deployment_id, status, current_step, total_steps, weight, ...why };
}

/** One line per event: readable with a time, or NDJSON (`--json`) for scripts. */
function emit(out: Output, event: string, data: object, text: string) {
  const at = new Date().toISOString();
  if (out.json) out.line(JSON.stringify({ event, at, ...data }));
  else out.line(`${at.slice(11, 19)}  ${text}`);
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
