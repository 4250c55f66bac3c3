/** One variant's telemetry in one minute of a deployment (counted by label, not by time). */
export interface VariantSlice {
  requests: number;
  failed: number;
  /** Error events of severity critical or fatal. */
  critical: number;
  /** The minute's latency histogram (telemetry/histogram.ts layout). */
  hist: number[];
}

export interface MinuteSlice {
  /** The minute's start, ISO 8601. */
  at: string;
  canary: VariantSlice;
  stable: VariantSlice;
}

/** Everything the sequential judge weighs, gathered since the deployment started. */
export interface DeploymentEvidence {
  /** Chronological; minutes with no telemetry may be absent. */
  slices: MinuteSlice[];
  /**
   * The environment's traffic in the hour before the deployment started (null without any): it
   * fixes the latency reference and centres the stable variant's prior, before any canary data.
   */
  baseline: { requests: number; failed: number; hist: number[] } | null;
  /** Each custom metric's events per variant since the start, by name (absent: none defined). */
  custom?: Record<string, { canary: number; stable: number }>;
  /** Health score with the canary's and with the stable's traffic; null when not evaluated. */
  health: { canary: number; stable: number } | null;
  /** Incidents on the environment's monitoring targets: opened since the start, and before it. */
  incidents: {
    since_start: number;
    before_start: number;
    /** Enabled monitoring targets of the environment (absent: not counted). */
    targets?: number;
    /** The longest run of failed probes of one target, all since the start (absent: none). */
    streak?: { target: string; failures: number } | null;
  };
}

export const emptySlice = (): VariantSlice => ({ requests: 0, failed: 0, critical: 0, hist: [] });
