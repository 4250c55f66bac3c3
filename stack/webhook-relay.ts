import postgres from 'postgres';
import type { Logger } from '../supabase/functions/_shared/log.ts';

export const WEBHOOK_CHANNEL = 'rollgate_webhook';

/**
 * The local stand-in for supabase_functions.http_request: LISTENs on the channel the audit
 * trigger notifies and POSTs Supabase's webhook payload to deploy-orchestrator with the
 * service_role key. A payload too large for NOTIFY arrives as an id and is read back here.
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
    let payload = JSON.parse(text) as Record<string, unknown>;
    if (payload.truncated) {
      const [row] = await sql<{ record: unknown }[]>`
        select to_jsonb(a) as record from public.deployment_audit a where id = ${Number(payload.record_id)}`;
      payload = {
        type: payload.type,
        table: payload.table,
        schema: payload.schema,
        record: row?.record ?? null,
        old_record: null,
      };
    }
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
