import { z } from 'zod';

/** One table a request's execution touched, as `gdpr_request_log` records it. */
export const requestLogEntrySchema = z.object({
  table_name: z.string(),
  operation: z.enum(['exported', 'deleted', 'anonymised', 'rectified']),
  row_count: z.number(),
});
export type RequestLogEntry = z.infer<typeof requestLogEntrySchema>;
/** What erasure does to a mapped table's rows of the subject: its erasure strategy. */
export type ErasureOperation = Extract<RequestLogEntry['operation'], 'deleted' | 'anonymised'>;

/**
 * What executing a request hands back besides its log: the subject's data for access and
 * portability (Art. 15, 20), the tables erased (Art. 17), the columns rectified (Art. 16).
 */
export const executionResultSchema = z.object({
  export: z
    .object({
      subject_id: z.string(),
      generated_at: z.string(),
      /** Every mapped row of the subject, per `schema.table`. */
      tables: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
      /** The same rows as CSV, per `schema.table`. */
      csv: z.record(z.string(), z.string()),
    })
    .optional(),
  erasure: z
    .object({
      tables: z.array(
        z.object({
          table: z.string(),
          operation: requestLogEntrySchema.shape.operation.extract(['deleted', 'anonymised']),
          rows: z.number(),
        }),
      ),
    })
    .optional(),
  rectification: z.object({ changes: z.array(requestLogEntrySchema) }).optional(),
});
export type ExecutionResult = z.infer<typeof executionResultSchema>;
