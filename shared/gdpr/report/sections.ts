import { breachesSection } from './sections/breaches.ts';
import { consentSection } from './sections/consent.ts';
import { deploymentsSection } from './sections/deployments.ts';
import { requestsSection } from './sections/requests.ts';
import { retentionSection } from './sections/retention.ts';
import { rowLevelSecuritySection } from './sections/row-level-security.ts';
import type { SectionBuilder } from './types.ts';

/**
 * The sections of compliance_report, in the order they are printed. A new section is one file
 * in `sections/` exporting a SectionBuilder, listed here; it may answer null for report types it
 * does not concern.
 */
export const REPORT_SECTIONS: readonly SectionBuilder[] = [
  requestsSection,
  consentSection,
  retentionSection,
  breachesSection,
  rowLevelSecuritySection,
  deploymentsSection,
];
