import { checkBlockingLocks } from '../../../../shared/checks/blocking-locks.ts';
import { guarded } from '../../../../shared/checks/guarded.ts';
import * as contracts from '../../../../shared/contracts/database-scalability.ts';
import { defineAction } from '../../_shared/action.ts';

export const blockingLocks = defineAction(contracts.blockingLocks, (_input, { sql }) =>
  guarded(sql, checkBlockingLocks),
);
