import postgres from 'postgres';
import type { Logger } from '../shared/log.ts';
import { selectAuditRecord } from '../shared/sql/deployment-audit.ts';

export const WEBHOOK_CHANNEL = 'rollgate_webhook';

/**
 * The local stand-in for supabase_functions.http_request: LISTENs on the channel the audit
 * trigger notifies and POSTs Supabase's webhook payload to deploy-orchestrator with the
 * service_role key.
 *
 * Any database login may `pg_notify('rollgate_webhook', …)`, so a notification is only a hint
 * that a row exists: the relay takes the id from it, reads the row back from deployment_audit and
 * builds the payload from the row alone. Ids that are not in the table, and anything that is not
 * an INSERT on public.deployment_audit, are dropped with a warning.
 */
export async function startWebhookRelay(
  databaseUrl: string,
  functionUrl: string,
  serviceKey: string,
  log: Logger,
) {
  const sql = postgres(databaseUrl, {
    max: 2,
    onnotice: () => {},
    connection: { application_name: 'rollgate-relay' },
  });
  const deliver = async (text: string) => {
    const id = announcedId(text);
    if (id === null) {
      log('warn', 'webhook_relay_ignored', { reason: 'not an INSERT on public.deployment_audit' });
      return;
    }
    const record = await selectAuditRecord(sql, id);
    if (record === null) {
      log('warn', 'webhook_relay_unknown_row', { record_id: id });
      return;
    }
    const payload = {
      type: 'INSERT',
      table: 'deployment_audit',
      schema: 'public',
      record,
      old_record: null,
    };
    const response = await fetch(functionUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${serviceKey}` },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    if (!response.ok) log('warn', 'webhook_relay_failed', { status: response.status });
  };
  const subscription = await sql.listen(WEBHOOK_CHANNEL, (text) => {
    deliver(text).catch((err: Error) =>
      log('warn', 'webhook_relay_failed', { message: err.message }),
    );
  });
  return {
    async stop() {
      await subscription.unlisten();
      await sql.end({ timeout: 5 });
    },
  };
}

/**
 * The row id a notification announces: `record.id`, or `record_id` for a row too large for
 * NOTIFY. Null for anything that is not JSON naming an INSERT on public.deployment_audit.
 */
function announcedId(text: string): number | null {
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Record<string, unknown>;
  if (p.type !== 'INSERT' || p.table !== 'deployment_audit' || p.schema !== 'public') return null;
  const record = p.record as Record<string, unknown> | null | undefined;
  const id = Number(p.truncated ? p.record_id : record?.id);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}
