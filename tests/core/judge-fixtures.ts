import { mulberry32 } from '../../bench/seeded-random.ts';
import type {
  DeploymentEvidence,
  MinuteSlice,
  VariantSlice,
} from '../../shared/judge/evidence-types.ts';
import { addSample } from '../../shared/telemetry/histogram.ts';

/** A seeded generator with normal draws, so every fixture is the same on every run. */
export function seeded(seed: number) {
  const next = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next());
  return { next, gauss };
}

/** One variant's minute: `n` requests, `failed` of them 5xx, log-normal latency. */
export function variant(
  n: number,
  failed: number,
  r: ReturnType<typeof seeded>,
  o: { medianMs?: number; sigma?: number; critical?: number } = {},
): VariantSlice {
  const hist: number[] = [];
  for (let i = 0; i < n; i++)
    addSample(hist, (o.medianMs ?? 100) * Math.exp((o.sigma ?? 1) * r.gauss()));
  return { requests: n, failed, critical: o.critical ?? 0, hist };
}

export const minute = (k: number, canary: VariantSlice, stable: VariantSlice): MinuteSlice => ({
  at: new Date(Date.UTC(2026, 0, 1, 0, k)).toISOString(),
  canary,
  stable,
});

export function evidence(
  slices: MinuteSlice[],
  extra: Partial<DeploymentEvidence> = {},
): DeploymentEvidence {
  return {
    slices,
    baseline: null,
    health: null,
    incidents: { since_start: 0, before_start: 0 },
    ...extra,
  };
}
