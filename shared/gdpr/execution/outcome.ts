import type { ExecutionResult, RequestLogEntry } from '../../model/gdpr-execution.ts';

/** What carrying out one request produced: the log of tables touched, and what to answer. */
export interface ExecutionOutcome {
  log: RequestLogEntry[];
  result: ExecutionResult;
}
