import type { Sql } from '../../sql/client.ts';

export const REPORT_TYPES = ['deployment', 'post_deployment', 'periodic'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One thing the report asks someone to act on. */
export interface Finding {
  /** Stable, dotted: `<section>.<rule>[.<subject>]`, e.g. `rls.disabled.public.orders`. */
  id: string;
  severity: Severity;
  /** The GDPR provision concerned, e.g. "Art. 12(3)". */
  article: string;
  title: string;
  evidence: Record<string, unknown>;
  remediation: string;
}

export interface ReportSection {
  id: string;
  title: string;
  /** The section's figures, whatever its findings. */
  figures: Record<string, unknown>;
  findings: Finding[];
}

export interface ReportContext {
  sql: Sql;
  reportType: ReportType;
  now: Date;
}

/**
 * Builds one section of compliance_report: reads what it needs, judges it, and answers the
 * section, or null when the section does not apply to this report type.
 */
export type SectionBuilder = (ctx: ReportContext) => Promise<ReportSection | null>;
