import type { RequestLogEntry } from '../../sql/gdpr-requests.ts';

/** What carrying out one request produced: the log of tables touched, and what to answer. */
export interface ExecutionOutcome {
  log: RequestLogEntry[];
  result: Record<string, unknown>;
}
