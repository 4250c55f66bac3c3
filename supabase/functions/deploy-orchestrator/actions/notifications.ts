import { z } from 'zod';
import { selectOutbox } from '../../../../shared/sql/notifications.ts';
import { defineAction } from '../../_shared/action.ts';

/** Deliveries and failures stay visible: every outbox message with its status and attempts. */
export const listNotifications = defineAction({
  name: 'list_notifications',
  summary: 'Slack notifications with their delivery status, attempts and last error.',
  access: 'view',
  input: {
    status: z.enum(['pending', 'delivered', 'failed', 'skipped']).optional(),
    deployment_id: z.string().min(1).max(100).optional(),
    limit: z.number().int().min(1).max(500).default(100),
  },
  async handler(input, { sql }) {
    const notifications = await selectOutbox(sql, input);
    return { notifications, count: notifications.length };
  },
});
