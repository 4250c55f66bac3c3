import * as contracts from '../../../../shared/contracts/gdpr-compliance.ts';
import { viewBreach } from '../../../../shared/gdpr/breach-view.ts';
import { selectBreaches } from '../../../../shared/sql/gdpr-breaches.ts';
import { defineAction } from '../../_shared/action.ts';

export const listBreaches = defineAction(
  contracts.listBreaches,
  async ({ status, limit }, { sql }) => {
    const now = new Date();
    const breaches = (await selectBreaches(sql, status ?? null, limit)).map((b) =>
      viewBreach(b, now),
    );
    return { breaches, overdue: breaches.filter((b) => b.overdue).length };
  },
);
