import type { Sql } from '../sql/client.ts';
import { selectAuditHead } from '../sql/deployment-audit.ts';
import { auditKeyFrom, type SignedCheckpoint, signCheckpoint } from './checkpoint.ts';
import { type CheckpointSink, directorySink, webhookSink } from './sinks.ts';

/** Signs the chain's current head and sends it to the sink; null when the log is empty. */
export async function writeAuditCheckpoint(
  sql: Sql,
  key: string,
  sink: CheckpointSink,
  now: Date = new Date(),
): Promise<SignedCheckpoint | null> {
  const head = await selectAuditHead(sql);
  if (!head) return null;
  const checkpoint = await signCheckpoint(key, {
    chain_seq: head.chain_seq,
    head_hash: head.hash,
    row_count: head.row_count,
    created_at: now.toISOString(),
  });
  await sink.write(checkpoint);
  return checkpoint;
}

/** The sinks the environment names: ROLLGATE_AUDIT_CHECKPOINT_DIR and/or _URL. */
export function checkpointSinksFrom(env: (name: string) => string | undefined): CheckpointSink[] {
  const sinks: CheckpointSink[] = [];
  const dir = env('ROLLGATE_AUDIT_CHECKPOINT_DIR');
  const url = env('ROLLGATE_AUDIT_CHECKPOINT_URL');
  if (dir) sinks.push(directorySink(dir));
  if (url) sinks.push(webhookSink(url));
  return sinks;
}

/**
 * The periodic job (e.g. every 10 minutes): one signed checkpoint to every configured sink.
 * Skipped, with the reason, when ROLLGATE_AUDIT_KEY (32+ characters) or a sink is missing; a
 * failing sink throws, so the queue retries.
 */
export async function runAuditCheckpoint(ctx: {
  sql: Sql;
  env: (name: string) => string | undefined;
  now?: Date;
}): Promise<{ written: SignedCheckpoint | null; skipped?: string }> {
  const key = auditKeyFrom(ctx.env);
  if (!key) return { written: null, skipped: 'ROLLGATE_AUDIT_KEY is not set (32+ characters)' };
  const sinks = checkpointSinksFrom(ctx.env);
  if (sinks.length === 0)
    return {
      written: null,
      skipped: 'neither ROLLGATE_AUDIT_CHECKPOINT_DIR nor ROLLGATE_AUDIT_CHECKPOINT_URL is set',
    };
  const fanOut: CheckpointSink = {
    write: async (c) => {
      for (const sink of sinks) await sink.write(c);
    },
  };
  return { written: await writeAuditCheckpoint(ctx.sql, key, fanOut, ctx.now) };
}
