import { z } from 'zod';
import { ALL_ENVIRONMENTS } from '../../../../shared/access/permissions.ts';
import { canaryJudgeHook } from '../../../../shared/rollout/telemetry-judge.ts';
import type { Pool } from '../../../../shared/sql/client.ts';
import { selectTelemetrySettings } from '../../../../shared/sql/telemetry-settings.ts';
import { ingestErrors } from '../../../../shared/telemetry/ingest-errors.ts';
import { attributeTelemetry } from '../../../../shared/telemetry/release-attribution.ts';
import { errorEventSchema } from '../../../../shared/telemetry/schemas.ts';
import type { Caller } from '../../_shared/action.ts';
import { authorize } from '../../_shared/authorize.ts';
import { validationError } from '../../_shared/validation.ts';
import { trustedForCanary } from '../actions/track-error.ts';
import { errorEventFromSentry } from './event-mapping.ts';

const eventsSchema = z.array(errorEventSchema);

/**
 * Sentry events through the same door as `track_errors`: the ingest key's rules (its scope, its
 * environment — an event naming none takes the key's), then release attribution — an event whose
 * release is the version an environment's active canary rolls out is that canary's evidence, the
 * version it replaces the stable's — and the same ingest, issues and canary judge. An errors-only
 * key's events are stored and grouped but are no canary's evidence.
 */
export async function ingestSentryEvents(
  sql: Pool,
  caller: Caller,
  events: ReadonlyArray<Record<string, unknown>>,
) {
  const keyEnvironment = caller.ingest?.environment;
  const mapped = events.map((event) => {
    const input = errorEventFromSentry(event);
    if (!input.environment && keyEnvironment && keyEnvironment !== ALL_ENVIRONMENTS)
      input.environment = keyEnvironment;
    return input;
  });
  const parsed = eventsSchema.safeParse(mapped);
  if (!parsed.success) throw validationError(parsed.error);
  const inputs = parsed.data;
  await authorize(sql, caller, 'ingest', { events: inputs }, 'track_errors');
  const settings = await selectTelemetrySettings(sql);
  const attributions = await attributeTelemetry(
    sql,
    inputs,
    new Date(),
    settings.max_clock_skew_seconds,
  );
  const attributed = inputs.map((e, i) => ({ ...e, ...attributions[i] }));
  return ingestErrors(sql, attributed, {
    hooks: [canaryJudgeHook],
    canaryEvidence: trustedForCanary(caller),
  });
}
