import type { SignedCheckpoint } from './checkpoint.ts';

interface NodeFs {
  mkdir(path: string, options: { recursive: true; mode: number }): Promise<unknown>;
  writeFile(path: string, data: string, options: { mode: number }): Promise<void>;
  readdir(path: string): Promise<string[]>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
}

/**
 * node:fs through `process.getBuiltinModule` (Node 20.16+, Deno's Node compatibility) rather than
 * an import, so the functions' Deno type-check needs no Node type declarations.
 */
function nodeFs(): NodeFs {
  const node = (globalThis as { process?: { getBuiltinModule?(id: string): unknown } }).process;
  const fs = node?.getBuiltinModule?.('node:fs/promises') as NodeFs | undefined;
  if (!fs) throw new Error('a directory sink needs a file system (node:fs)');
  return fs;
}

/** Where checkpoints go: somewhere the database owner cannot rewrite. */
export interface CheckpointSink {
  write(checkpoint: SignedCheckpoint): Promise<void>;
}

/**
 * One JSON file per checkpoint in a directory (e.g. a mounted bucket or another host's share),
 * named by sequence number and time so the newest sorts last. Created 0700, files 0600.
 */
export function directorySink(dir: string): CheckpointSink {
  return {
    async write(checkpoint) {
      const { mkdir, writeFile } = nodeFs();
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const name = `${String(checkpoint.chain_seq).padStart(12, '0')}-${checkpoint.created_at.replaceAll(':', '')}.json`;
      await writeFile(`${dir}/${name}`, `${JSON.stringify(checkpoint)}\n`, { mode: 0o600 });
    },
  };
}

/** The newest checkpoint a directory sink wrote, or null. */
export async function latestCheckpointIn(dir: string): Promise<SignedCheckpoint | null> {
  const { readdir, readFile } = nodeFs();
  const names = (await readdir(dir).catch(() => [] as string[]))
    .filter((n) => n.endsWith('.json'))
    .sort();
  const newest = names.at(-1);
  return newest
    ? (JSON.parse(await readFile(`${dir}/${newest}`, 'utf8')) as SignedCheckpoint)
    : null;
}

/**
 * A Slack-shaped incoming webhook (Slack itself, or any receiver that keeps what it is sent): the
 * checkpoint as a message, its JSON in a code block so it can be copied back for verification.
 */
export function webhookSink(url: string): CheckpointSink {
  return {
    async write(checkpoint) {
      const json = JSON.stringify(checkpoint);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          text: `Rollgate audit checkpoint ${checkpoint.chain_seq}`,
          blocks: [
            {
              type: 'section',
              text: { type: 'mrkdwn', text: `*Audit checkpoint*\n\`\`\`${json}\`\`\`` },
            },
          ],
          checkpoint,
        }),
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      if (!response.ok) throw new Error(`checkpoint sink answered ${response.status}`);
    },
  };
}
