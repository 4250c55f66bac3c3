import { z } from 'zod';

/** The checks a spec may name (dry-run). */
export const CHECK_NAMES = [
  'error_rate',
  'error_rate_vs_stable',
  'latency_vs_stable',
  'latency_p95',
  'critical_errors',
  'late_regression',
  'health_score',
  'health_checks',
] as const;

/**
 * A deployment's analysis spec: overrides of its environment's judge settings, checks run in
 * dry-run (computed and shown, never acted on), and what a failure does (roll back, or pause for a
 * human). Recorded with the deployment and in its first audit row, so every verdict can be traced
 * to the spec it was judged by.
 */
export const judgeThresholdsSchema = z
  .object({
    alpha: z.number().gt(0).max(0.2),
    max_error_rate: z.number().gt(0).max(100),
    error_rate_margin: z.number().min(0).max(50),
    max_p95_ms: z.number().gt(0).max(3_600_000),
    latency_margin: z.number().min(0).max(50),
    critical_margin: z.number().min(0).max(50),
    min_samples: z.number().int().min(1).max(1_000_000),
    min_health_score: z.number().min(0).max(100),
    bake_seconds: z.number().int().min(0).max(86_400),
  })
  .partial()
  .strict();

export const analysisSpecSchema = z
  .object({
    thresholds: judgeThresholdsSchema,
    dry_run: z.array(z.enum(CHECK_NAMES)).max(CHECK_NAMES.length),
    on_failure: z.enum(['rollback', 'pause']),
  })
  .partial()
  .strict();

export type AnalysisSpec = z.infer<typeof analysisSpecSchema>;

/** A judgement's shape, as far as the spec touches it. */
interface Judged {
  verdict: 'pass' | 'fail' | 'inconclusive';
  checks: Array<{ name: string; verdict: string; detail: string; dry_run?: boolean }>;
  reasons: string[];
}

/** Dry-run checks keep their verdict for the record but no longer decide. */
export function applyDryRun<J extends Judged>(j: J, spec: AnalysisSpec | null): J {
  const dry = new Set<string>(spec?.dry_run ?? []);
  if (dry.size === 0) return j;
  const checks = j.checks.map((c) => (dry.has(c.name) ? { ...c, dry_run: true } : c));
  const live = checks.filter((c) => !c.dry_run);
  const failed = live.filter((c) => c.verdict === 'fail');
  const verdict = failed.length
    ? 'fail'
    : live.some((c) => c.verdict === 'inconclusive')
      ? 'inconclusive'
      : 'pass';
  return { ...j, checks, verdict, reasons: failed.map((c) => `${c.name}: ${c.detail}`) };
}
