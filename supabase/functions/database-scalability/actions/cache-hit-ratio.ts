import { checkCacheHitRatio } from '../../../../shared/checks/cache-hit-ratio.ts';
import { guarded } from '../../../../shared/checks/guarded.ts';
import * as contracts from '../../../../shared/contracts/database-scalability.ts';
import { defineAction } from '../../_shared/action.ts';

export const cacheHitRatio = defineAction(contracts.cacheHitRatio, (_input, { sql }) =>
  guarded(sql, checkCacheHitRatio),
);
