import * as contracts from '../../../../shared/contracts/deploy-orchestrator.ts';
import { selectOutbox } from '../../../../shared/sql/notifications.ts';
import { defineAction } from '../../_shared/action.ts';

/** Deliveries and failures stay visible: every outbox message with its status and attempts. */
export const listNotifications = defineAction(
  contracts.listNotifications,
  async (input, { sql }) => {
    const notifications = await selectOutbox(sql, input);
    return { notifications, count: notifications.length };
  },
);
