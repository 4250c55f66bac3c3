import { z } from 'zod';

/** Art. 6(1)(a)–(f). */
export const LEGAL_BASES = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interests',
  'public_task',
  'legitimate_interests',
] as const;

/**
 * How erasure treats a column: `delete` removes the subject's whole row (one such column makes
 * the table's erasure a DELETE); `null` clears the value; `hash` replaces it with a salted hash
 * (distinct values stay distinct, so unique constraints and grouping still work).
 */
export const ERASURE_STRATEGIES = ['delete', 'null', 'hash'] as const;
export const RETENTION_ACTIONS = ['delete', 'anonymise'] as const;

const identifier = z.string().min(1).max(63);

export const dataMapColumnSchema = z.object({
  column: identifier,
  category: z.string().min(1).max(100),
  erasure: z.enum(ERASURE_STRATEGIES),
});

export const dataMapTableSchema = z.object({
  schema: identifier.default('public'),
  table: identifier,
  subject_column: identifier,
  purpose: z.string().min(1).max(500),
  legal_basis: z.enum(LEGAL_BASES),
  columns: z.array(dataMapColumnSchema).min(1).max(200),
  retention: z
    .object({
      max_age_days: z.number().int().min(1).max(36_500),
      action: z.enum(RETENTION_ACTIONS),
      timestamp_column: identifier,
    })
    .optional(),
});

export type DataMapTable = z.infer<typeof dataMapTableSchema>;

/** What the catalog says about one column of a mapped table. */
export interface CatalogColumn {
  schema: string;
  table: string;
  column: string;
  type: string;
  not_null: boolean;
  /** pg_type.typcategory: 'S' strings, 'D' date/time, … */
  type_category: string;
  /** -1 when the type has no length limit (text, varchar without n). */
  type_modifier: number;
}
