/**
 * A Supabase Database Webhook payload ({type, table, schema, record, old_record}) carries no
 * `action`: it is handed to the function's webhook action as `{action, payload}`.
 */
export function asWebhook(body: Record<string, unknown>, webhookAction: string | undefined) {
  const isWebhook =
    body.action === undefined && typeof body.type === 'string' && typeof body.table === 'string';
  return webhookAction && isWebhook ? { action: webhookAction, payload: body } : body;
}
