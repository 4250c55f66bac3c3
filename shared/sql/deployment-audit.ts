import type { Sql } from './client.ts';

export interface AuditEntry {
  deployment_id: string;
  environment: string;
  deployment_type: string;
  git_commit_hash: string | null;
  git_branch: string | null;
  deployed_by: string | null;
  deployment_status: string;
  started_at: Date;
  completed_at: Date | null;
  error_message: string | null;
  rollback_reason: string | null;
  health_check_results: unknown;
  performance_metrics: unknown;
  event: string;
  source: 'orchestrator' | 'log_deployment';
  details: Record<string, unknown>;
}

export interface AuditRow extends AuditEntry {
  id: number;
  created_at: Date;
  prev_hash: string;
  hash: string;
}

/** Appends one row; the trigger links it into the hash chain. */
export function insertAudit(tx: Sql, entry: AuditEntry) {
  return tx<{ id: number; hash: string }[]>`
    insert into public.deployment_audit
      (deployment_id, environment, deployment_type, git_commit_hash, git_branch, deployed_by,
       deployment_status, started_at, completed_at, error_message, rollback_reason,
       health_check_results, performance_metrics, event, source, details)
    values (${entry.deployment_id}, ${entry.environment}, ${entry.deployment_type}, ${entry.git_commit_hash},
       ${entry.git_branch}, ${entry.deployed_by}, ${entry.deployment_status}, ${entry.started_at}, ${entry.completed_at},
       ${entry.error_message}, ${entry.rollback_reason},
       ${entry.health_check_results === null || entry.health_check_results === undefined ? null : tx.json(entry.health_check_results as never)},
       ${entry.performance_metrics === null || entry.performance_metrics === undefined ? null : tx.json(entry.performance_metrics as never)},
       ${entry.event}, ${entry.source}, ${tx.json(entry.details as never)})
    returning id::float8 as id, hash`;
}

export function selectAuditFor(sql: Sql, deploymentId: string) {
  return sql<AuditRow[]>`
    select id::float8 as id, deployment_id, environment, deployment_type, git_commit_hash, git_branch,
           deployed_by, deployment_status, started_at, completed_at, error_message, rollback_reason,
           health_check_results, performance_metrics, created_at, event, source, details, prev_hash, hash
      from public.deployment_audit where deployment_id = ${deploymentId} order by id`;
}

export async function verifyAuditChain(sql: Sql) {
  const [row] = await sql<{ broken_id: number | null; reason: string | null; checked: number }[]>`
    select broken_id::float8 as broken_id, reason, checked::float8 as checked from public.verify_deployment_audit()`;
  return row ?? { broken_id: null, reason: null, checked: 0 };
}

/** One row as the audit webhook's `record` carries it (to_jsonb of the row), or none. */
export async function selectAuditRecord(sql: Sql, id: number): Promise<unknown | null> {
  const [row] = await sql<{ record: unknown }[]>`
    select to_jsonb(a) as record from public.deployment_audit a where a.id = ${id}`;
  return row?.record ?? null;
}

export interface AuditBreak {
  chain_seq: number;
  id: number;
  reason: string;
}

/** Every break of the chain in chain order: missing rows, broken links, altered rows. */
export function selectAuditBreaks(sql: Sql) {
  return sql<AuditBreak[]>`
    select chain_seq::float8 as chain_seq, id::float8 as id, reason
      from public.deployment_audit_breaks() order by chain_seq`;
}

/** The newest chained row: its sequence number, hash, and the rows up to it (null when empty). */
export async function selectAuditHead(sql: Sql) {
  const [row] = await sql<{ chain_seq: number; hash: string; row_count: number }[]>`
    select chain_seq::float8 as chain_seq, hash, row_count::float8 as row_count
      from public.deployment_audit_head()`;
  return row ?? null;
}

/** What the chain holds at a checkpoint's sequence number now, for comparison with it. */
export async function selectChainAt(sql: Sql, chainSeq: number) {
  const [row] = await sql<{ hash: string | null; row_count: number; newest_seq: number | null }[]>`
    select (select a.hash from public.deployment_audit a where a.chain_seq = ${chainSeq}) as hash,
           (select count(*) from public.deployment_audit a where a.chain_seq <= ${chainSeq})::float8 as row_count,
           (select max(a.chain_seq) from public.deployment_audit a)::float8 as newest_seq`;
  return row ?? { hash: null, row_count: 0, newest_seq: null };
}
