import type { BreachStatus } from '../model/gdpr-breach.ts';
import type { Sql } from './client.ts';

export interface BreachRow {
  id: string;
  aware_at: Date;
  occurred_at: Date | null;
  description: string;
  subjects_affected: number;
  records_affected: number;
  categories: string[];
  likely_consequences: string | null;
  measures_taken: string | null;
  status: BreachStatus;
  notification_due_at: Date;
  notified_at: Date | null;
  delay_reason: string | null;
  assessment: string | null;
  created_at: Date;
  updated_at: Date;
}

export type NewBreach = Pick<
  BreachRow,
  | 'aware_at'
  | 'occurred_at'
  | 'description'
  | 'subjects_affected'
  | 'records_affected'
  | 'categories'
  | 'likely_consequences'
  | 'measures_taken'
  | 'notification_due_at'
>;

/** Categories travel as JSON: see the note in gdpr-data-map.ts on postgres.js and arrays. */
export function insertBreach(sql: Sql, breach: NewBreach) {
  return sql<BreachRow[]>`
    insert into public.gdpr_breaches
      (aware_at, occurred_at, description, subjects_affected, records_affected, categories,
       likely_consequences, measures_taken, notification_due_at)
    values (${breach.aware_at}, ${breach.occurred_at}, ${breach.description},
            ${breach.subjects_affected}, ${breach.records_affected},
            array(select jsonb_array_elements_text(${sql.json(breach.categories)})),
            ${breach.likely_consequences},
            ${breach.measures_taken}, ${breach.notification_due_at})
    returning *`;
}

export function selectBreachForUpdate(sql: Sql, id: string) {
  return sql<BreachRow[]>`select * from public.gdpr_breaches where id = ${id} for update`;
}

export type BreachChange = Partial<
  Pick<BreachRow, 'status' | 'notified_at' | 'delay_reason' | 'assessment' | 'measures_taken'>
>;

export function updateBreach(sql: Sql, id: string, change: BreachChange) {
  return sql<BreachRow[]>`
    update public.gdpr_breaches set ${sql(change)}, updated_at = now()
     where id = ${id}
    returning *`;
}

/** Breaches, those still awaiting a notification decision first, then by deadline. */
export function selectBreaches(sql: Sql, status: BreachStatus | null, limit: number) {
  return sql<BreachRow[]>`
    select * from public.gdpr_breaches
     where ${status}::text is null or status = ${status}
     order by status <> 'detected', notification_due_at desc, id
     limit ${limit}`;
}
