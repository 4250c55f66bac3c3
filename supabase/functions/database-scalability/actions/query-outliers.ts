import { guarded } from '../../../../shared/checks/guarded.ts';
import { checkQueryOutliers } from '../../../../shared/checks/query-outliers.ts';
import { defineAction } from '../../_shared/action.ts';

export const queryOutliers = defineAction({
  name: 'query_outliers',
  summary: 'Heaviest and slowest statements from pg_stat_statements, where installed.',
  // Statement texts are internals: service_role only (issue 12, finding 4).
  access: 'admin',
  input: {},
  handler: (_input, { sql }) => guarded(sql, checkQueryOutliers),
});
