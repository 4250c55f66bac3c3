import { z } from 'zod';
import { REPORT_TYPES } from '../gdpr/report/types.ts';
import { MANUAL_STATUSES } from '../gdpr/request-lifecycle.ts';
import { BREACH_STATUSES } from '../model/gdpr-breach.ts';
import { dataMapTableSchema } from '../model/gdpr-data-map.ts';
import { executionResultSchema, requestLogEntrySchema } from '../model/gdpr-execution.ts';
import { REQUEST_STATUSES, REQUEST_TYPES } from '../model/gdpr-request.ts';
import { healthCheck, listActions } from './common.ts';
import { contract } from './contract.ts';
import { timestamp } from './fields.ts';

/** A data-subject request as every action about it answers it. */
const requestViewSchema = z.object({
  overdue: z.boolean(),
  days_overdue: z.number(),
  answered_on_time: z.boolean().nullable(),
  id: z.string(),
  type: z.enum(REQUEST_TYPES),
  subject_id: z.string(),
  status: z.enum(REQUEST_STATUSES),
  received_at: timestamp,
  due_at: timestamp,
  extension_months: z.number(),
  extension_reason: z.string().nullable(),
  verified_at: timestamp.nullable(),
  completed_at: timestamp.nullable(),
  rejection_reason: z.string().nullable(),
  notes: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});

/** A breach as every action about it answers it. */
const breachViewSchema = z.object({
  overdue: z.boolean(),
  notified_on_time: z.boolean().nullable(),
  hours_since_awareness: z.number(),
  id: z.string(),
  aware_at: timestamp,
  occurred_at: timestamp.nullable(),
  description: z.string(),
  subjects_affected: z.number(),
  records_affected: z.number(),
  categories: z.array(z.string()),
  likely_consequences: z.string().nullable(),
  measures_taken: z.string().nullable(),
  status: z.enum(BREACH_STATUSES),
  notification_due_at: timestamp,
  notified_at: timestamp.nullable(),
  delay_reason: z.string().nullable(),
  assessment: z.string().nullable(),
  created_at: timestamp,
  updated_at: timestamp,
});

/** A legal hold as placing and releasing it answer it. */
const legalHoldSchema = z.object({
  id: z.string(),
  subject_id: z.string(),
  reason: z.string(),
  placed_at: timestamp,
  released_at: timestamp.nullable(),
  release_reason: z.string().nullable(),
});

/** One entry of the consent ledger. */
const consentEventSchema = z.object({
  id: z.number(),
  subject_id: z.string(),
  purpose: z.string(),
  granted: z.boolean(),
  notice_version: z.string(),
  source: z.string(),
  recorded_at: timestamp,
});

const findingSchema = z.object({
  id: z.string(),
  severity: z.enum(['low', 'medium', 'high', 'critical']),
  article: z.string(),
  title: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  remediation: z.string(),
});

const complianceReportSchema = z.object({
  report_type: z.enum(['deployment', 'post_deployment', 'periodic']),
  generated_at: timestamp,
  status: z.enum(['compliant', 'attention_required', 'non_compliant']),
  findings_by_severity: z.object({
    low: z.number(),
    medium: z.number(),
    high: z.number(),
    critical: z.number(),
  }),
  sections: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      figures: z.record(z.string(), z.unknown()),
      findings: z.array(findingSchema),
    }),
  ),
  findings: z.array(findingSchema),
});

export const complianceReport = contract({
  name: 'compliance_report',
  summary: 'Findings on requests, consent, retention, breaches and RLS; JSON or Markdown.',
  access: 'admin',
  input: {
    report_type: z.enum(REPORT_TYPES),
    format: z.enum(['json', 'markdown']).default('json'),
  },
  // With format: markdown, the same report with its Markdown rendering.
  response: complianceReportSchema.extend({ markdown: z.string().optional() }),
});

export const executeRequest = contract({
  name: 'execute_request',
  summary: 'Executes a verified access, portability, erasure or rectification request.',
  access: 'admin',
  input: {
    request_id: z.uuid(),
    changes: z
      .array(
        z.object({
          table: z.string().min(1).max(127),
          column: z.string().min(1).max(63),
          value: z.union([z.string().max(10_000), z.number(), z.null()]),
        }),
      )
      .min(1)
      .max(100)
      .optional(),
  },
  response: executionResultSchema.extend({
    request: requestViewSchema,
    touched: z.array(requestLogEntrySchema),
  }),
});

export const extendRequest = contract({
  name: 'extend_request',
  summary: 'Extends a request’s deadline by up to two months in total, with a recorded reason.',
  access: 'admin',
  input: {
    request_id: z.uuid(),
    months: z.number().int().min(1).max(2),
    reason: z.string().min(1).max(2000),
  },
  response: z.object({ request: requestViewSchema }),
});

export const getConsent = contract({
  name: 'get_consent',
  summary: 'A subject’s current consent per purpose and the full ledger behind it.',
  access: 'admin',
  input: {
    subject_id: z.string().min(1).max(200),
    purpose: z.string().min(1).max(200).optional(),
  },
  response: z.object({
    subject_id: z.string(),
    purposes: z.array(
      z.object({
        purpose: z.string(),
        status: z.enum(['granted', 'withdrawn']),
        since: timestamp,
        notice_version: z.string(),
        source: z.string(),
      }),
    ),
    history: z.array(consentEventSchema),
  }),
});

export const getDataMap = contract({
  name: 'get_data_map',
  summary:
    'The data map: personal-data tables, subject column, basis, retention, erasure per column.',
  access: 'admin',
  input: {},
  response: z.object({
    tables: z.array(
      dataMapTableSchema.extend({
        retention: dataMapTableSchema.shape.retention.unwrap().nullable(),
        updated_at: timestamp,
      }),
    ),
  }),
});

export const listBreaches = contract({
  name: 'list_breaches',
  summary: 'The breach register, each flagged overdue when 72 hours passed without a decision.',
  access: 'admin',
  input: {
    status: z.enum(BREACH_STATUSES).optional(),
    limit: z.number().int().min(1).max(1000).default(100),
  },
  response: z.object({
    breaches: z.array(breachViewSchema),
    overdue: z.number(),
  }),
});

export const listRequests = contract({
  name: 'list_requests',
  summary: 'Data-subject requests, most urgent first, each flagged overdue past its deadline.',
  access: 'admin',
  input: {
    status: z.enum(REQUEST_STATUSES).optional(),
    type: z.enum(REQUEST_TYPES).optional(),
    subject_id: z.string().min(1).max(200).optional(),
    overdue_only: z.boolean().default(false),
    limit: z.number().int().min(1).max(1000).default(100),
  },
  response: z.object({
    requests: z.array(requestViewSchema),
    overdue: z.number(),
  }),
});

export const placeLegalHold = contract({
  name: 'place_legal_hold',
  summary: 'Places a legal hold on a subject: erasure is refused and retention skips their rows.',
  access: 'admin',
  input: { subject_id: z.string().min(1).max(200), reason: z.string().min(1).max(2000) },
  response: z.object({ hold: legalHoldSchema.optional() }),
});

export const recordConsent = contract({
  name: 'record_consent',
  summary: 'Records a subject granting or withdrawing consent for one purpose (append-only).',
  access: 'admin',
  input: {
    subject_id: z.string().min(1).max(200),
    purpose: z.string().min(1).max(200),
    status: z.enum(['granted', 'withdrawn']),
    notice_version: z.string().min(1).max(100),
    source: z.string().min(1).max(200),
  },
  response: z.object({ event: consentEventSchema.optional() }),
});

export const releaseLegalHold = contract({
  name: 'release_legal_hold',
  summary: 'Releases a subject’s active legal hold, with the reason.',
  access: 'admin',
  input: { subject_id: z.string().min(1).max(200), reason: z.string().min(1).max(2000) },
  response: z.object({ hold: legalHoldSchema }),
});

export const removeFromDataMap = contract({
  name: 'remove_from_data_map',
  summary: 'Removes tables ("schema.table") from the data map.',
  access: 'admin',
  input: { tables: z.array(z.string().min(3).max(127)).min(1).max(100) },
  response: z.object({ removed: z.array(z.string()) }),
});

export const reportBreach = contract({
  name: 'report_breach',
  summary: 'Records a breach in the register with its Art. 33 72-hour notification deadline.',
  access: 'admin',
  input: {
    aware_at: z.iso.datetime({ offset: true }),
    occurred_at: z.iso.datetime({ offset: true }).optional(),
    description: z.string().min(1).max(5000),
    subjects_affected: z.number().int().min(0),
    records_affected: z.number().int().min(0),
    categories: z.array(z.string().min(1).max(100)).min(1).max(50),
    likely_consequences: z.string().max(5000).optional(),
    measures_taken: z.string().max(5000).optional(),
  },
  response: z.object({
    breach_id: z.string(),
    breach: breachViewSchema,
  }),
});

export const runRetention = contract({
  name: 'run_retention',
  summary: 'Deletes or anonymises rows past their table’s retention now; reports the counts.',
  access: 'admin',
  input: {},
  response: z.object({
    run_id: z.number(),
    as_of: timestamp,
    rows_removed: z.number(),
    rows_anonymised: z.number(),
    tables: z.array(
      z.object({
        table: z.string(),
        action: z.enum(['delete', 'anonymise']),
        rows: z.number(),
      }),
    ),
  }),
});

export const setDataMap = contract({
  name: 'set_data_map',
  summary: 'Adds or replaces tables of the data map, validated against the real catalog.',
  access: 'admin',
  input: { tables: z.array(dataMapTableSchema).min(1).max(100) },
  response: z.object({ tables: z.array(z.string()) }),
});

export const submitRequest = contract({
  name: 'submit_request',
  summary: 'Registers a data-subject request; answers its id and the Art. 12(3) deadline.',
  access: 'admin',
  input: {
    type: z.enum(REQUEST_TYPES),
    subject_id: z.string().min(1).max(200),
    received_at: z.iso.datetime({ offset: true }).optional(),
    notes: z.string().max(2000).optional(),
  },
  response: z.object({
    request_id: z.string(),
    due_at: timestamp,
    request: requestViewSchema,
  }),
});

export const updateBreach = contract({
  name: 'update_breach',
  summary: 'Marks a breach notified, not_required (with assessment) or closed.',
  access: 'admin',
  input: {
    breach_id: z.uuid(),
    status: z.enum(['notified', 'not_required', 'closed']),
    notified_at: z.iso.datetime({ offset: true }).optional(),
    delay_reason: z.string().min(1).max(5000).optional(),
    assessment: z.string().min(1).max(5000).optional(),
    measures_taken: z.string().min(1).max(5000).optional(),
  },
  response: z.object({ breach: breachViewSchema }),
});

export const updateRequestStatus = contract({
  name: 'update_request_status',
  summary: 'Marks a request verified, in_progress, rejected (with reason) or completed.',
  access: 'admin',
  input: {
    request_id: z.uuid(),
    status: z.enum(MANUAL_STATUSES),
    reason: z.string().min(1).max(2000).optional(),
  },
  response: z.object({ request: requestViewSchema }),
});

/** Every action of `gdpr-compliance`, in the order list_actions answers them. */
export const contracts = [
  healthCheck,
  setDataMap,
  getDataMap,
  removeFromDataMap,
  submitRequest,
  updateRequestStatus,
  extendRequest,
  executeRequest,
  listRequests,
  placeLegalHold,
  releaseLegalHold,
  recordConsent,
  getConsent,
  runRetention,
  reportBreach,
  updateBreach,
  listBreaches,
  complianceReport,
  listActions,
] as const;
