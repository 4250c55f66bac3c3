import { guarded } from '../../../../shared/checks/guarded.ts';
import { checkQueryOutliers } from '../../../../shared/checks/query-outliers.ts';
import * as contracts from '../../../../shared/contracts/database-scalability.ts';
import { defineAction } from '../../_shared/action.ts';

export const queryOutliers = defineAction(contracts.queryOutliers, (_input, { sql }) =>
  guarded(sql, checkQueryOutliers),
);
