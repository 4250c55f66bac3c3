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

/** An environment's quality gates: the evidence fields it requires, each with its bound. */
export type GateConfig = Record<string, { min?: number; max?: number }>;
