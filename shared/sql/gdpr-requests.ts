import type { RequestLogEntry } from '../model/gdpr-execution.ts';
import type { RequestStatus, RequestType } from '../model/gdpr-request.ts';
import type { Sql } from './client.ts';

export interface RequestRow {
  id: string;
  type: RequestType;
  subject_id: string;
  status: RequestStatus;
  received_at: Date;
  due_at: Date;
  extension_months: number;
  extension_reason: string | null;
  verified_at: Date | null;
  completed_at: Date | null;
  rejection_reason: string | null;
  notes: string | null;
  created_at: Date;
  updated_at: Date;
}

export function insertRequest(
  sql: Sql,
  request: Pick<RequestRow, 'type' | 'subject_id' | 'received_at' | 'due_at' | 'notes'>,
) {
  return sql<RequestRow[]>`
    insert into public.gdpr_requests (type, subject_id, received_at, due_at, notes)
    values (${request.type}, ${request.subject_id}, ${request.received_at}, ${request.due_at},
            ${request.notes})
    returning *`;
}

/** The request, locked until the transaction ends: its status decides what may happen next. */
export function selectRequestForUpdate(sql: Sql, id: string) {
  return sql<RequestRow[]>`select * from public.gdpr_requests where id = ${id} for update`;
}

export type RequestChange = Partial<
  Pick<
    RequestRow,
    | 'status'
    | 'verified_at'
    | 'completed_at'
    | 'rejection_reason'
    | 'extension_months'
    | 'extension_reason'
    | 'due_at'
  >
>;

export function updateRequest(sql: Sql, id: string, change: RequestChange) {
  return sql<RequestRow[]>`
    update public.gdpr_requests set ${sql(change)}, updated_at = now()
     where id = ${id}
    returning *`;
}

export interface RequestFilter {
  status?: RequestStatus | undefined;
  type?: RequestType | undefined;
  subject_id?: string | undefined;
  limit: number;
}

/** Requests, most urgent first (earliest deadline among open ones, then the rest). */
export function selectRequests(sql: Sql, filter: RequestFilter) {
  return sql<RequestRow[]>`
    select * from public.gdpr_requests
     where (${filter.status ?? null}::text is null or status = ${filter.status ?? null})
       and (${filter.type ?? null}::text is null or type = ${filter.type ?? null})
       and (${filter.subject_id ?? null}::text is null or subject_id = ${filter.subject_id ?? null})
     order by status in ('completed', 'rejected'), due_at, id
     limit ${filter.limit}`;
}

export async function insertRequestLog(sql: Sql, requestId: string, entries: RequestLogEntry[]) {
  if (entries.length === 0) return;
  await sql`
    insert into public.gdpr_request_log
      ${sql(entries.map((e) => ({ request_id: requestId, ...e })))}`;
}
