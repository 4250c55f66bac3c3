import type { GateConfig, GateEvidence } from '../model/quality-gates.ts';

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
