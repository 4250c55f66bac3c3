import type { Sql } from './client.ts';

export interface WebhookTargetRow {
  environment: string;
  url_prefix: string;
  note: string | null;
  added_by: string;
  added_at: Date;
}

export function upsertWebhookTarget(
  sql: Sql,
  t: { environment: string; url_prefix: string; note: string | null; added_by: string },
) {
  return sql<WebhookTargetRow[]>`
    insert into public.traffic_webhook_targets (environment, url_prefix, note, added_by)
    values (${t.environment}, ${t.url_prefix}, ${t.note}, ${t.added_by})
    on conflict (environment, url_prefix) do update set note = excluded.note
    returning environment, url_prefix, note, added_by, added_at`;
}

export function deleteWebhookTarget(sql: Sql, environment: string, urlPrefix: string) {
  return sql<{ url_prefix: string }[]>`
    delete from public.traffic_webhook_targets
     where environment = ${environment} and url_prefix = ${urlPrefix}
    returning url_prefix`;
}

export function selectWebhookTargets(sql: Sql, environment: string | undefined) {
  return sql<WebhookTargetRow[]>`
    select environment, url_prefix, note, added_by, added_at from public.traffic_webhook_targets
     where ${environment ?? null}::text is null or environment = ${environment ?? null}
     order by environment, url_prefix`;
}
