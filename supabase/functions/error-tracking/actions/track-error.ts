import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/error-tracking.ts';
import { canaryJudgeHook } from '../../../../shared/rollout/telemetry-judge.ts';
import { ingestErrors } from '../../../../shared/telemetry/ingest-errors.ts';
import { type Caller, defineAction } from '../../_shared/action.ts';
import { returnedRow } from '../../_shared/returned-row.ts';

/** The runbook's single event: `{error_message, component, severity, metadata?}` plus context. */
export const trackError = defineAction(contracts.trackError, async (event, { sql, caller }) => {
  refuseChosenFingerprint(caller, [event]);
  const { events } = await ingestErrors(sql, [event], {
    hooks: [canaryJudgeHook],
    canaryEvidence: trustedForCanary(caller),
  });
  return returnedRow(events, 'track_error');
});

export const trackErrors = defineAction(
  contracts.trackErrors,
  async ({ events }, { sql, caller }) => {
    refuseChosenFingerprint(caller, events);
    return ingestErrors(sql, events, {
      hooks: [canaryJudgeHook],
      canaryEvidence: trustedForCanary(caller),
    });
  },
);

/**
 * A chosen fingerprint files an event under any issue, e.g. someone else's resolved one: only
 * service_role may choose (issue 12, finding 8); everyone else gets the computed fingerprint.
 */
function refuseChosenFingerprint(
  caller: Caller | null,
  events: ReadonlyArray<{ fingerprint?: string | undefined }>,
) {
  if (caller?.role === 'service_role') return;
  if (events.some((e) => e.fingerprint !== undefined))
    throw new AppError(403, 'forbidden', 'only service_role may choose an event’s fingerprint');
}

/** An errors-only ingest key (what a browser holds) is not canary evidence; anything else is. */
export function trustedForCanary(caller: Caller | null): boolean {
  return caller?.ingest?.scope !== 'errors';
}
