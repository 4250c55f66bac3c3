import type { SlackMessage } from '../notifications/templates.ts';
import type { Sql } from './client.ts';

export interface OutboxRow {
  id: number;
  deployment_id: string;
  kind: string;
  channel: 'default' | 'emergency';
  message: SlackMessage;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

const COLUMNS =
  'id::float8 as id, deployment_id, kind, channel, message, status, attempts, last_error, created_at, delivered_at';

export function insertOutbox(
  tx: Sql,
  r: {
    deployment_id: string;
    audit_id: number;
    kind: string;
    channel: string;
    message: SlackMessage;
  },
) {
  return tx<{ id: number }[]>`
    insert into public.notification_outbox (deployment_id, audit_id, kind, channel, message)
    values (${r.deployment_id}, ${r.audit_id}, ${r.kind}, ${r.channel}, ${tx.json(r.message as never)})
    on conflict (audit_id, channel) do nothing
    returning id::float8 as id`;
}

/** Locks a pending message for delivery; a delivered one is never sent again. */
export function lockPending(tx: Sql, id: number) {
  return tx<OutboxRow[]>`
    select ${tx.unsafe(COLUMNS)} from public.notification_outbox where id = ${id} and status = 'pending' for update`;
}

export function markOutbox(
  tx: Sql,
  id: number,
  status: 'pending' | 'delivered' | 'failed' | 'skipped',
  error: string | null,
) {
  return tx`
    update public.notification_outbox set
      status = ${status}, attempts = attempts + case when ${status} = 'skipped' then 0 else 1 end,
      last_error = ${error}, delivered_at = case when ${status} = 'delivered' then now() else delivered_at end
     where id = ${id}`;
}

export function selectOutbox(
  sql: Sql,
  f: { status?: string | undefined; deployment_id?: string | undefined; limit: number },
) {
  return sql<OutboxRow[]>`
    select ${sql.unsafe(COLUMNS)} from public.notification_outbox
     where true
       ${f.status === undefined ? sql`` : sql`and status = ${f.status}`}
       ${f.deployment_id === undefined ? sql`` : sql`and deployment_id = ${f.deployment_id}`}
     order by id desc limit ${f.limit}`;
}
