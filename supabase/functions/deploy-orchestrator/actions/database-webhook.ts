import { AppError } from '../../../../shared/app-error.ts';
import * as contracts from '../../../../shared/contracts/deploy-orchestrator.ts';
import { enqueueNotifications } from '../../../../shared/notifications/enqueue.ts';
import { selectDeployment } from '../../../../shared/sql/deployments.ts';
import { defineAction } from '../../_shared/action.ts';

/** What an audit row logged by another tool means for notifications. */
const EVENTS: Record<string, string> = {
  logged_started: 'started',
  logged_success: 'succeeded',
  logged_succeeded: 'succeeded',
  logged_failed: 'failed',
  logged_rolled_back: 'rolled_back',
};

/**
 * Supabase's Database Webhook on deployment_audit INSERT (relayed from pg_notify locally). The
 * orchestrator's own rows are ignored (it acted when it wrote them: no loop); rows logged by other
 * tools get their Slack notifications. Idempotent: the outbox holds one message per audit row and
 * channel, so a repeated delivery changes nothing.
 */
export const databaseWebhook = defineAction(
  contracts.databaseWebhook,
  async ({ payload }, { sql }) => {
    if (payload.table !== 'deployment_audit' || payload.schema !== 'public') {
      throw new AppError(
        422,
        'unsupported_webhook',
        `no webhook handler for ${payload.schema}.${payload.table}`,
      );
    }
    const record = payload.record;
    if (payload.type !== 'INSERT' || !record) return { handled: false, reason: 'not an insert' };
    if (record.source === 'orchestrator')
      return { handled: false, reason: 'written by the orchestrator itself' };
    const event = EVENTS[record.event];
    if (!event) return { handled: false, reason: `no notification for ${record.event}` };
    return sql.begin(async (tx) => {
      const [d] = await selectDeployment(tx, record.deployment_id);
      if (!d)
        throw new AppError(404, 'not_found', `deployment ${record.deployment_id} does not exist`);
      await enqueueNotifications(
        tx,
        d,
        event,
        record.id,
        record.created_at ? new Date(record.created_at) : new Date(),
      );
      return { handled: true, deployment_id: d.deployment_id, event };
    });
  },
);
