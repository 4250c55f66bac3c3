import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';

export interface SlackPost {
  path: string;
  body: {
    text: string;
    blocks: Array<{ type: string; text?: { text: string }; fields?: Array<{ text: string }> }>;
  };
  answered: number;
}

/**
 * A Slack-shaped incoming-webhook receiver on loopback: answers "ok" with 200, or with 500 for the
 * first `failFirst` posts to a path (a Slack outage), or never answers the first `hangFirst` posts
 * (a Slack that times out: recorded with `answered: 0`), and records every post it saw.
 */
export async function startSlackReceiver(options: { failFirst?: number; hangFirst?: number } = {}) {
  const posts: SlackPost[] = [];
  const seen = new Map<string, number>();
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (d) => {
      text += d;
    });
    req.on('end', () => {
      const path = req.url ?? '/';
      const count = (seen.get(path) ?? 0) + 1;
      seen.set(path, count);
      if (count <= (options.hangFirst ?? 0)) {
        posts.push({ path, body: JSON.parse(text), answered: 0 });
        return;
      }
      const failing = count - (options.hangFirst ?? 0) <= (options.failFirst ?? 0);
      posts.push({ path, body: JSON.parse(text), answered: failing ? 500 : 200 });
      res.statusCode = failing ? 500 : 200;
      res.end(failing ? 'internal_error' : 'ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (path: string) => `${base}${path}`,
    posts,
    delivered: (path: string) => posts.filter((p) => p.path === path && p.answered === 200),
  };
}

export type SlackReceiver = Awaited<ReturnType<typeof startSlackReceiver>>;
