import { z } from 'zod';

/** Evidence a deployment brings to its gates (from CI): the procedure documents' five checks. */
export const gateEvidenceSchema = z
  .object({
    code_coverage: z.number().min(0).max(100),
    security_critical: z.number().int().min(0),
    performance_p95_ms: z.number().min(0),
    integration_pass_rate: z.number().min(0).max(100),
    vulnerabilities_high: z.number().int().min(0),
  })
  .partial();
export type GateEvidence = z.infer<typeof gateEvidenceSchema>;

export type GateConfig = Record<string, { min?: number; max?: number }>;

export interface GateFailure {
  gate: string;
  required: string;
  actual: number | null;
}

/** Every configured gate must have evidence and meet its bound; all failures are listed. */
export function checkGates(config: GateConfig, evidence: GateEvidence): GateFailure[] {
  const failures: GateFailure[] = [];
  for (const [gate, bound] of Object.entries(config).sort(([a], [b]) => a.localeCompare(b))) {
    const actual = (evidence as Record<string, number | undefined>)[gate];
    const required = bound.min !== undefined ? `>= ${bound.min}` : `<= ${bound.max}`;
    if (actual === undefined) failures.push({ gate, required, actual: null });
    else if (bound.min !== undefined && actual < bound.min)
      failures.push({ gate, required, actual });
    else if (bound.max !== undefined && actual > bound.max)
      failures.push({ gate, required, actual });
  }
  return failures;
}
