import * as contracts from '../../../../shared/contracts/gdpr-compliance.ts';
import { selectDataMap } from '../../../../shared/sql/gdpr-data-map.ts';
import { defineAction } from '../../_shared/action.ts';

export const getDataMap = defineAction(contracts.getDataMap, async (_input, { sql }) => {
  return { tables: await selectDataMap(sql) };
});
