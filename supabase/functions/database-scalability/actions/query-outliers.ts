import { guarded } from '../../../../shared/checks/guarded.ts';
import { checkQueryOutliers } from '../../../../shared/checks/query-outliers.ts';
import { defineAction } from '../../_shared/action.ts';

export const queryOutliers = defineAction({
  name: 'query_outliers',
  summary: 'Heaviest and slowest statements from pg_stat_statements, where installed.',
  access: ['authenticated'],
  input: {},
  handler: (_input, { sql }) => guarded(sql, checkQueryOutliers),
});
