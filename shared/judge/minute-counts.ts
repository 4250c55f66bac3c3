import type { VariantSummary } from '../model/judgement.ts';
import type { DeploymentEvidence, VariantSlice } from './evidence-types.ts';
import { countAbove, countOf, countSlowerThan, medianBucket, p95Of, sumHist } from './latency.ts';

/** One variant's counts: every test below is a proportion of `requests`. */
export interface ArmCounts {
  requests: number;
  failed: number;
  /** Slower than the stable median bucket (0 when there is no reference yet). */
  slow: number;
  /** Slower than the absolute latency limit. */
  over_limit: number;
  critical: number;
}

export interface MinuteCounts {
  at: string;
  canary: ArmCounts;
  stable: ArmCounts;
}

const zero = (): ArmCounts => ({ requests: 0, failed: 0, slow: 0, over_limit: 0, critical: 0 });

export const addArms = (a: ArmCounts, b: ArmCounts): ArmCounts => ({
  requests: a.requests + b.requests,
  failed: a.failed + b.failed,
  slow: a.slow + b.slow,
  over_limit: a.over_limit + b.over_limit,
  critical: a.critical + b.critical,
});

export const addMinutes = (a: MinuteCounts, b: MinuteCounts): MinuteCounts => ({
  at: a.at.localeCompare(b.at) <= 0 ? a.at : b.at,
  canary: addArms(a.canary, b.canary),
  stable: addArms(a.stable, b.stable),
});

/**
 * The latency reference: the median bucket of the environment's hour before the deployment
 * (fixed before any canary data, so the test stays exact), else of the stable variant so far.
 */
export function latencyReference(evidence: DeploymentEvidence): {
  bucket: number | null;
  source: 'baseline' | 'stable' | 'none';
} {
  const baseline = evidence.baseline ? medianBucket(evidence.baseline.hist) : null;
  if (baseline !== null) return { bucket: baseline, source: 'baseline' };
  const stable = medianBucket(sumHist(evidence.slices.map((s) => s.stable.hist)));
  return stable === null ? { bucket: null, source: 'none' } : { bucket: stable, source: 'stable' };
}

function arm(v: VariantSlice, reference: number | null, limitMs: number): ArmCounts {
  // Requests counted by the histogram and by the counter agree; a slice without a histogram
  // (error events only) contributes its requests but no latency.
  return {
    requests: v.requests,
    failed: v.failed,
    slow: reference === null ? 0 : countAbove(v.hist, reference),
    over_limit: countSlowerThan(v.hist, limitMs),
    critical: v.critical,
  };
}

/** Per-minute counts, in time order, from the evidence's histograms and counters. */
export function minuteCounts(
  evidence: DeploymentEvidence,
  reference: number | null,
  limitMs: number,
): MinuteCounts[] {
  return [...evidence.slices]
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map((s) => ({
      at: s.at,
      canary: arm(s.canary, reference, limitMs),
      stable: arm(s.stable, reference, limitMs),
    }));
}

export function totalOf(rows: readonly MinuteCounts[]): MinuteCounts {
  return rows.reduce(addMinutes, { at: rows[0]?.at ?? '', canary: zero(), stable: zero() });
}

/** The figures an on-call engineer reads next to a verdict (model/judgement.ts). */
export function variantSummary(
  evidence: DeploymentEvidence,
  which: 'canary' | 'stable',
  c: ArmCounts,
): VariantSummary {
  const hist = sumHist(evidence.slices.map((s) => s[which].hist));
  return {
    requests: c.requests,
    failed: c.failed,
    error_rate: c.requests ? Math.round((c.failed / c.requests) * 1e6) / 1e4 : 0,
    p95_ms: p95Of(hist),
    latency_samples: countOf(hist),
    slower_than_reference: c.slow,
    over_latency_limit: c.over_limit,
    critical_events: c.critical,
  };
}
