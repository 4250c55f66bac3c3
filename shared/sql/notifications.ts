import type { SlackMessage } from '../model/slack-message.ts';
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
  source: string;
  suppressed: number;
  summary_minute: Date | null;
}

const COLUMNS =
  'id::float8 as id, deployment_id, kind, channel, message, status, attempts, last_error, created_at, delivered_at, source, suppressed, summary_minute';

export function insertOutbox(
  tx: Sql,
  r: {
    deployment_id: string;
    audit_id: number;
    kind: string;
    channel: string;
    message: SlackMessage;
    source: string;
  },
) {
  return tx<{ id: number }[]>`
    insert into public.notification_outbox (deployment_id, audit_id, kind, channel, message, source)
    values (${r.deployment_id}, ${r.audit_id}, ${r.kind}, ${r.channel}, ${tx.json(r.message as never)}, ${r.source})
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

/**
 * Serialises one source's enqueues for the rest of the transaction, so concurrent requests
 * cannot all see room under the limit.
 */
export function lockSource(tx: Sql, source: string) {
  return tx`select pg_advisory_xact_lock(hashtext('rollgate.notification_source'), hashtext(${source}))`;
}

/** Messages (not summaries) a source has queued in the current minute, and whether this audit row has any. */
export async function sourceUsage(tx: Sql, source: string, auditId: number) {
  const [row] = await tx<{ this_minute: number; for_audit: number }[]>`
    select count(*) filter (where source = ${source} and kind <> 'summary'
                              and created_at >= date_trunc('minute', now()))::int as this_minute,
           count(*) filter (where audit_id = ${auditId} and kind <> 'summary')::int as for_audit
      from public.notification_outbox
     where (source = ${source} and created_at >= date_trunc('minute', now())) or audit_id = ${auditId}`;
  return row ?? { this_minute: 0, for_audit: 0 };
}

/**
 * Counts one more collapsed message into the source's summary for this minute, creating it on
 * the first; `created` says whether its delivery still has to be queued.
 */
export function upsertSummary(
  tx: Sql,
  r: { deployment_id: string; audit_id: number; source: string; message: SlackMessage },
) {
  return tx<{ id: number; created: boolean; minute: Date }[]>`
    insert into public.notification_outbox
      (deployment_id, audit_id, kind, channel, message, source, summary_minute, suppressed)
    values (${r.deployment_id}, ${r.audit_id}, 'summary', 'default', ${tx.json(r.message as never)},
            ${r.source}, date_trunc('minute', now()), 1)
    on conflict (source, summary_minute) where summary_minute is not null
    do update set suppressed = notification_outbox.suppressed + 1
    returning id::float8 as id, (xmax = 0) as created, summary_minute as minute`;
}

/** Who an audit row came from: the orchestrator or log_deployment, its actor, the reporter's role. */
export async function selectAuditOrigin(tx: Sql, auditId: number) {
  const [row] = await tx<{ source: string; actor: string | null; reporter_role: string | null }[]>`
    select source, details->>'actor' as actor, details->>'reporter_role' as reporter_role
      from public.deployment_audit where id = ${auditId}`;
  return row ?? null;
}
