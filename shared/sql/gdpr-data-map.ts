import type { CatalogColumn, DataMapTable } from '../model/gdpr-data-map.ts';
import type { Sql } from './client.ts';

// Lists travel as one jsonb parameter: postgres.js can only serialise a text[] parameter once it
// has fetched the server's array types, which a fresh connection may not have done yet.

/** The columns of the named tables ("schema.table"), as the catalog has them. */
export function selectCatalogColumns(sql: Sql, tables: string[]) {
  return sql<CatalogColumn[]>`
    select n.nspname::text as schema, c.relname::text as "table", a.attname::text as "column",
           format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null,
           t.typcategory::text as type_category, a.atttypmod as type_modifier
      from pg_attribute a
      join pg_class c on c.oid = a.attrelid
      join pg_namespace n on n.oid = c.relnamespace
      join pg_type t on t.oid = a.atttypid
     where c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
       and n.nspname || '.' || c.relname in (select jsonb_array_elements_text(${sql.json(tables)}))`;
}

/** Stores one table's entry, replacing its previous columns. */
export async function replaceDataMapTable(sql: Sql, entry: DataMapTable) {
  const retention = entry.retention;
  await sql`
    insert into public.gdpr_data_map_tables
      (table_schema, table_name, subject_column, purpose, legal_basis,
       retention_days, retention_action, retention_column)
    values (${entry.schema}, ${entry.table}, ${entry.subject_column}, ${entry.purpose},
            ${entry.legal_basis}, ${retention?.max_age_days ?? null}, ${retention?.action ?? null},
            ${retention?.timestamp_column ?? null})
    on conflict (table_schema, table_name) do update
       set subject_column = excluded.subject_column, purpose = excluded.purpose,
           legal_basis = excluded.legal_basis, retention_days = excluded.retention_days,
           retention_action = excluded.retention_action,
           retention_column = excluded.retention_column, updated_at = now()`;
  await sql`
    delete from public.gdpr_data_map_columns
     where table_schema = ${entry.schema} and table_name = ${entry.table}`;
  const rows = entry.columns.map((c) => ({
    table_schema: entry.schema,
    table_name: entry.table,
    column_name: c.column,
    category: c.category,
    erasure: c.erasure,
  }));
  await sql`insert into public.gdpr_data_map_columns ${sql(rows)}`;
}

/** Removes tables ("schema.table") from the map; their columns go with them. */
export function deleteDataMapTables(sql: Sql, tables: string[]) {
  return sql<{ table: string }[]>`
    delete from public.gdpr_data_map_tables
     where table_schema || '.' || table_name in (select jsonb_array_elements_text(${sql.json(tables)}))
    returning table_schema || '.' || table_name as "table"`;
}

/** A stored table: a table with no retention rule reads `retention: null`. */
export interface DataMapRow extends Omit<DataMapTable, 'retention'> {
  retention: Required<DataMapTable>['retention'] | null;
  updated_at: Date;
}

/** The whole data map, in the shape set_data_map takes. */
export function selectDataMap(sql: Sql) {
  return sql<DataMapRow[]>`
    select t.table_schema as schema, t.table_name as "table", t.subject_column, t.purpose,
           t.legal_basis,
           coalesce((select jsonb_agg(jsonb_build_object('column', c.column_name,
                                                         'category', c.category,
                                                         'erasure', c.erasure)
                                      order by c.column_name)
                       from public.gdpr_data_map_columns c
                      where c.table_schema = t.table_schema and c.table_name = t.table_name),
                    '[]') as columns,
           case when t.retention_days is not null
                then jsonb_build_object('max_age_days', t.retention_days,
                                        'action', t.retention_action,
                                        'timestamp_column', t.retention_column)
           end as retention,
           t.updated_at
      from public.gdpr_data_map_tables t
     order by t.table_schema, t.table_name`;
}
