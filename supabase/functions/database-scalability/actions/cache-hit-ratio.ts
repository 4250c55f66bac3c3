import { checkCacheHitRatio } from '../../../../shared/checks/cache-hit-ratio.ts';
import { guarded } from '../../../../shared/checks/guarded.ts';
import { defineAction } from '../../_shared/action.ts';

export const cacheHitRatio = defineAction({
  name: 'cache_hit_ratio',
  summary: 'Share of table and index blocks served from memory; warns below 99 %.',
  access: 'view',
  input: {},
  handler: (_input, { sql }) => guarded(sql, checkCacheHitRatio),
});
