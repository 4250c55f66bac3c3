import {
  countPublicTables,
  type RlsRow,
  selectTablesWithoutRls,
} from '../../../sql/gdpr-report.ts';
import type { Finding, ReportSection, SectionBuilder } from '../types.ts';

/**
 * Tables in `public` without row level security: Supabase grants anon and authenticated access
 * to them by default, so anyone with the project's public key reads them through the Data API.
 */
export function assessRowLevelSecurity(
  publicTables: number,
  withoutRls: readonly RlsRow[],
): ReportSection {
  const findings: Finding[] = withoutRls.map((t) => ({
    id: `rls.disabled.public.${t.table}`,
    severity: t.personal_data ? 'high' : 'medium',
    article: 'Art. 32(1)',
    title: `public.${t.table} has row level security disabled${t.personal_data ? ' and holds personal data' : ''}`,
    evidence: { table: `public.${t.table}`, personal_data: t.personal_data },
    remediation: `ALTER TABLE public.${t.table} ENABLE ROW LEVEL SECURITY; then add policies for what anon and authenticated may see.`,
  }));
  return {
    id: 'rls',
    title: 'Row level security',
    figures: {
      public_tables: publicTables,
      without_rls: withoutRls.map((t) => `public.${t.table}`),
    },
    findings,
  };
}

export const rowLevelSecuritySection: SectionBuilder = async ({ sql }) => {
  const [[count], withoutRls] = await Promise.all([
    countPublicTables(sql),
    selectTablesWithoutRls(sql),
  ]);
  return assessRowLevelSecurity(count?.count ?? 0, withoutRls);
};
