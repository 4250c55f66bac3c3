// start_deployment's fields for the rollouts the tests and the benches start (spawn.ts is their
// stack process): one notation for steps, one shape for each kind of rollout they start.

/** A rollout's steps from [weight %, pause seconds] pairs, e.g. `[25, 300], [100, 0]`. */
export function rolloutSteps(...steps: Array<readonly [weight: number, pauseSeconds: number]>) {
  return steps.map(([weight, pause_seconds]) => ({ weight, pause_seconds }));
}

/**
 * A production rollout of `version`, asked for by Alice with this release evidence for
 * production's quality gates; in these steps, or production's own when none are given.
 */
export function productionRollout(
  version: string,
  gates: Record<string, number>,
  ...steps: Array<readonly [weight: number, pauseSeconds: number]>
) {
  return {
    environment: 'production',
    version,
    actor: 'alice',
    gates,
    ...(steps.length > 0 ? { steps: rolloutSteps(...steps) } : {}),
  };
}

/** A canary rollout of `version` where no person approves (any environment but production). */
export function canaryRollout(
  environment: string,
  version: string,
  ...steps: Array<readonly [weight: number, pauseSeconds: number]>
) {
  return { environment, version, strategy: 'canary', steps: rolloutSteps(...steps) };
}
