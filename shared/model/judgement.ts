/** What the canary judge (rollout/canary-judge.ts) answers, as analysis runs store it. */
export type Verdict = 'pass' | 'fail' | 'inconclusive';

export interface Check {
  name: string;
  verdict: Verdict | 'skipped';
  detail: string;
  /** ln of the test's e-value now, and the ln(1/α share) it must reach to fail. */
  log_e?: number;
  threshold?: number;
  /** The check had no data to judge (its no-data policy decides; judge/metric-policy.ts). */
  no_data?: boolean;
  /** The counts behind a custom metric's verdict. */
  values?: Record<string, number>;
}

/** The figures an on-call engineer reads next to a verdict, for one variant. */
export interface VariantSummary {
  requests: number;
  failed: number;
  /** Percent of requests failed. */
  error_rate: number;
  p95_ms: number;
  latency_samples: number;
  slower_than_reference: number;
  over_latency_limit: number;
  critical_events: number;
}

export interface Judgement {
  verdict: Verdict;
  checks: Check[];
  reasons: string[];
  /** The totals behind the verdict (kept with the analysis run and the audit row). */
  summary: {
    canary: VariantSummary;
    stable: VariantSummary;
    latency_reference: string;
  };
}
