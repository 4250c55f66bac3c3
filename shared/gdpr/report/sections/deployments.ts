import { verifyAuditChain } from '../../../sql/deployment-audit.ts';
import {
  type ProductionDeploymentFacts,
  selectProductionDeploymentFacts,
} from '../../../sql/deployment-compliance.ts';
import type { Finding, ReportSection, SectionBuilder } from '../types.ts';

const DAY_MS = 86_400_000;

/**
 * The runbook's process checks, answered from the record: every production deployment approved,
 * staged first (or a hotfix with its reason), and the audit chain intact.
 */
export function assessDeployments(
  rows: readonly ProductionDeploymentFacts[],
  chain: { intact: boolean; first_broken_id: number | null; rows_checked: number },
): ReportSection {
  const unapproved = rows.filter((r) => r.approved_by === null);
  const unstaged = rows.filter((r) => !r.staged_first && r.hotfix_reason === null);
  const hotfixes = rows.filter((r) => !r.staged_first && r.hotfix_reason !== null);
  const findings: Finding[] = [];
  if (!chain.intact) {
    findings.push({
      id: 'deployments.audit_chain_broken',
      severity: 'critical',
      article: 'Art. 5(2), Art. 32(1)(b)',
      title: `The deployment audit log was altered (first broken row ${chain.first_broken_id})`,
      evidence: chain,
      remediation:
        'Treat as a security incident: restore the log from backup, find who had owner rights, and report under Art. 33 if personal data was involved.',
    });
  }
  if (unapproved.length > 0) {
    findings.push({
      id: 'deployments.unapproved',
      severity: 'high',
      article: 'Art. 25(1), Art. 32(1)(d)',
      title: `${unapproved.length} production deployment(s) without a recorded approval`,
      evidence: {
        deployments: unapproved.map((r) => ({
          deployment_id: r.deployment_id,
          strategy: r.strategy,
          deployed_by: r.deployed_by,
        })),
      },
      remediation:
        'Run production deployments through start_deployment (approval by someone other than the deployer), or record the approval of tools that log through log_deployment.',
    });
  }
  if (unstaged.length > 0) {
    findings.push({
      id: 'deployments.not_staged_first',
      severity: 'high',
      article: 'Art. 25(1), Art. 32(1)(d)',
      title: `${unstaged.length} production deployment(s) not staged first`,
      evidence: {
        deployments: unstaged.map((r) => ({ deployment_id: r.deployment_id, version: r.version })),
      },
      remediation:
        'Deploy every version to staging before production; mark genuine emergencies as hotfixes with a reason.',
    });
  }
  if (hotfixes.length > 0) {
    findings.push({
      id: 'deployments.hotfixes',
      severity: 'low',
      article: 'Art. 32(1)(d)',
      title: `${hotfixes.length} hotfix(es) skipped staging with a recorded reason`,
      evidence: {
        deployments: hotfixes.map((r) => ({
          deployment_id: r.deployment_id,
          reason: r.hotfix_reason,
        })),
      },
      remediation: 'Review each hotfix within 24 hours, as the procedure documents require.',
    });
  }
  return {
    id: 'deployments',
    title: 'Production deployment controls (last 30 days)',
    figures: {
      production_deployments: rows.length,
      approved: rows.length - unapproved.length,
      staged_first: rows.filter((r) => r.staged_first).length,
      hotfixes: hotfixes.length,
      audit_chain_intact: chain.intact,
      audit_rows_checked: chain.rows_checked,
    },
    findings,
  };
}

export const deploymentsSection: SectionBuilder = async ({ sql, now }) => {
  const [rows, chain] = await Promise.all([
    selectProductionDeploymentFacts(sql, new Date(now.getTime() - 30 * DAY_MS)),
    verifyAuditChain(sql),
  ]);
  return assessDeployments(rows, {
    intact: chain.broken_id === null,
    first_broken_id: chain.broken_id,
    rows_checked: chain.checked,
  });
};
