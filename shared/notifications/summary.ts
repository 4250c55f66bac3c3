import { QUEUES } from '../queue/queues.ts';
import { sendJob } from '../queue/send-job.ts';
import type { Sql } from '../sql/client.ts';
import { upsertSummary } from '../sql/notifications.ts';
import { renderSummary } from './templates.ts';

/**
 * Counts a message over its source's limit into that source's summary for this minute. The
 * summary is delivered once, after the minute ends, with the final count (rendered at delivery).
 */
export async function collapseIntoSummary(
  tx: Sql,
  deploymentId: string,
  auditId: number,
  source: string,
) {
  const [row] = await upsertSummary(tx, {
    deployment_id: deploymentId,
    audit_id: auditId,
    source,
    message: renderSummary(source, 1, new Date()),
  });
  if (!row?.created) return;
  await sendJob(
    tx,
    QUEUES.notification,
    { outbox_id: row.id },
    {
      singletonKey: `notification:${row.id}`,
      startAfter: new Date(new Date(row.minute).getTime() + 61_000),
      retryLimit: 8,
      retryDelay: 2,
      retryBackoff: true,
    },
  );
}
