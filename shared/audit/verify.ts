import type { Sql } from '../sql/client.ts';
import { type AuditBreak, selectAuditBreaks, selectChainAt } from '../sql/deployment-audit.ts';
import { checkpointIsAuthentic, type SignedCheckpoint } from './checkpoint.ts';

export interface AuditVerification {
  intact: boolean;
  /** Every break inside the chain (links, contents, gaps), in chain order. */
  breaks: AuditBreak[];
  /** How the chain compares with the checkpoint, when one was given. */
  checkpoint?: { chain_seq: number; matches: boolean; problems: string[] };
}

/**
 * The chain on its own, and against the latest signed checkpoint: a chain re-hashed after an
 * edit (replication role `replica` switches the guards off) verifies on its own but no longer
 * ends in the checkpoint's hash at its sequence number; deleted newest rows leave that sequence
 * number missing or the row count short.
 */
export async function verifyAudit(
  sql: Sql,
  options: { checkpoint?: SignedCheckpoint | null; key?: string | null } = {},
): Promise<AuditVerification> {
  const breaks = [...(await selectAuditBreaks(sql))];
  const c = options.checkpoint;
  if (!c) return { intact: breaks.length === 0, breaks };
  const problems: string[] = [];
  if (!options.key)
    problems.push('ROLLGATE_AUDIT_KEY is not set: the checkpoint cannot be checked');
  else if (!(await checkpointIsAuthentic(options.key, c)))
    problems.push('the checkpoint’s HMAC does not match: it was not signed with this key');
  const now = await selectChainAt(sql, c.chain_seq);
  if (now.hash === null)
    problems.push(
      `row ${c.chain_seq} of the chain is missing (the newest now is ${now.newest_seq ?? 'none'})`,
    );
  else if (now.hash !== c.head_hash)
    problems.push(
      `row ${c.chain_seq} no longer has the checkpoint’s hash: the chain was rewritten`,
    );
  if (now.row_count !== c.row_count)
    problems.push(
      `${now.row_count} rows up to ${c.chain_seq}, the checkpoint counted ${c.row_count}`,
    );
  return {
    intact: breaks.length === 0 && problems.length === 0,
    breaks,
    checkpoint: { chain_seq: c.chain_seq, matches: problems.length === 0, problems },
  };
}
