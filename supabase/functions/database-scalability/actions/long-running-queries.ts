import { z } from 'zod';
import { guarded } from '../../../../shared/checks/guarded.ts';
import {
  checkLongRunningQueries,
  LONG_QUERY_WARN_SECONDS,
} from '../../../../shared/checks/long-running-queries.ts';
import { defineAction } from '../../_shared/action.ts';

export const longRunningQueries = defineAction({
  name: 'long_running_queries',
  summary: 'Statements and transactions open longer than 60 s (warn) or 5 min (fail).',
  // Statement texts are internals: service_role only (issue 12, finding 4).
  access: 'admin',
  input: {
    min_seconds: z.number().positive().max(86_400).default(LONG_QUERY_WARN_SECONDS),
  },
  handler: ({ min_seconds }, { sql }) =>
    guarded(sql, (tx) => checkLongRunningQueries(tx, min_seconds)),
});
