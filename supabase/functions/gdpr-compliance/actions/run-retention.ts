import * as contracts from '../../../../shared/contracts/gdpr-compliance.ts';
import { runRetention as run } from '../../../../shared/sql/gdpr-retention.ts';
import { defineAction } from '../../_shared/action.ts';

/**
 * Enforces every mapped table's retention now, through the same SQL function the daily
 * schedule calls (`select public.gdpr_run_retention()`), and reports what it removed.
 */
export const runRetention = defineAction(contracts.runRetention, async (_input, { sql }) => {
  const result = await run(sql, new Date(), 'run_retention');
  const sum = (action: string) =>
    result.results.filter((r) => r.action === action).reduce((n, r) => n + r.rows, 0);
  return {
    run_id: result.id,
    as_of: result.as_of,
    rows_removed: sum('delete'),
    rows_anonymised: sum('anonymise'),
    tables: result.results,
  };
});
