/**
 * The health score: 0–100 from weighted components. A component without evidence (no traffic,
 * no queue installed) is left out and the others' weights are rescaled, so "unknown" never counts
 * as healthy or as broken. Pure: the inputs are gathered by health-inputs.ts.
 */
export interface HealthInputs {
  databaseUp: boolean;
  functionProbes: { ok: number; total: number };
  errorRatePercent: number | null;
  p95Ms: number | null;
  baselineP95Ms: number | null;
  openCriticalIssues: number;
  queueOverdueJobs: number | null;
}

export interface HealthComponent {
  name: string;
  weight: number;
  /** The component's share of the score actually computed, in percent (0 when excluded). */
  share: number;
  score: number | null;
  contribution: number;
  detail: string;
}

export const WEIGHTS = {
  availability: 30,
  error_rate: 25,
  latency: 20,
  critical_issues: 15,
  queue_backlog: 10,
} as const;

/** Linear from 100 at `good` to 0 at `bad` (either direction). */
export function linear(value: number, good: number, bad: number): number {
  const t = (value - good) / (bad - good);
  return Math.round(Math.min(100, Math.max(0, 100 * (1 - t))) * 100) / 100;
}

export function healthScore(inputs: HealthInputs): {
  health_score: number;
  components: HealthComponent[];
} {
  const availability = inputs.databaseUp
    ? inputs.functionProbes.total
      ? (100 * inputs.functionProbes.ok) / inputs.functionProbes.total
      : 100
    : 0;
  const latencyRatio =
    inputs.p95Ms !== null && inputs.baselineP95Ms ? inputs.p95Ms / inputs.baselineP95Ms : null;
  const raw: Array<Omit<HealthComponent, 'share' | 'contribution'>> = [
    {
      name: 'availability',
      weight: WEIGHTS.availability,
      score: Math.round(availability * 100) / 100,
      detail: inputs.databaseUp
        ? `database up; ${inputs.functionProbes.ok}/${inputs.functionProbes.total} function probes healthy`
        : 'database unreachable',
    },
    {
      name: 'error_rate',
      weight: WEIGHTS.error_rate,
      score: inputs.errorRatePercent === null ? null : linear(inputs.errorRatePercent, 1, 5),
      detail:
        inputs.errorRatePercent === null
          ? 'no requests in the last 5 minutes'
          : `${inputs.errorRatePercent}% of requests failed (5m); 100 at ≤ 1 %, 0 at ≥ 5 %`,
    },
    {
      name: 'latency',
      weight: WEIGHTS.latency,
      score: latencyScore(inputs.p95Ms, latencyRatio),
      detail:
        latencyRatio === null
          ? 'no baseline or no recent requests'
          : `p95 ${inputs.p95Ms} ms is ${Math.round(latencyRatio * 100)}% of the 1h baseline; 100 at ≤ 150 %, 0 at ≥ 200 % or > 2000 ms`,
    },
    {
      name: 'critical_issues',
      weight: WEIGHTS.critical_issues,
      score: linear(inputs.openCriticalIssues, 0, 3),
      detail: `${inputs.openCriticalIssues} unresolved critical or fatal issues; 0 at 3`,
    },
    {
      name: 'queue_backlog',
      weight: WEIGHTS.queue_backlog,
      score: inputs.queueOverdueJobs === null ? null : linear(inputs.queueOverdueJobs, 0, 100),
      detail:
        inputs.queueOverdueJobs === null
          ? 'queue not installed'
          : `${inputs.queueOverdueJobs} jobs overdue by more than a minute; 0 at 100`,
    },
  ];
  const counted = raw.filter((c) => c.score !== null).reduce((sum, c) => sum + c.weight, 0);
  const components = raw.map((c) => {
    const share = c.score === null ? 0 : (100 * c.weight) / counted;
    return { ...c, share: round2(share), contribution: round2(((c.score ?? 0) * share) / 100) };
  });
  const score = components.reduce((sum, c) => sum + ((c.score ?? 0) * c.share) / 100, 0);
  return { health_score: Math.round(score * 10) / 10, components };
}

function latencyScore(p95: number | null, ratio: number | null): number | null {
  if (p95 === null || ratio === null) return null;
  if (p95 > 2000) return 0;
  return linear(ratio, 1.5, 2);
}

const round2 = (n: number) => Math.round(n * 100) / 100;
