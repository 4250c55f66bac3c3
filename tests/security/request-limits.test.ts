import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../stack/embedded-postgres.ts';
import { postgresUser } from '../../stack/os-user.ts';
import { setUp } from '../support/harness.ts';
import { rowSnapshot } from '../support/row-snapshot.ts';
import { freePort, testTmpRoot } from '../support/stack-process.ts';
import type { TestApi } from '../support/test-api.ts';
import type { TestDatabase } from '../support/test-database.ts';

// Issue 12, finding 10: bodies that broke the request path, and a too-open data directory.
let api: TestApi;
let db: TestDatabase;

beforeAll(async () => {
  ({ api, db } = await setUp());
});

const nested = (depth: number, inner: string) => '['.repeat(depth) + inner + ']'.repeat(depth);

describe('deeply nested JSON', () => {
  it('answers a body nested 100,000 deep and ending in \\u0000 with a 400, not a 500', async () => {
    const body = `{"action":"track_error","x":${nested(100_000, '"\\u0000"')}}`;
    const reply = await api.call('error-tracking', body);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_request');
    expect(reply.body.error.message).toMatch(/nested deeper than 64/);
  });

  it('refuses track_error metadata 5,000 deep with a 400 and writes nothing', async () => {
    const metadata = `{"a":${nested(5000, '1')}}`;
    const body = `{"action":"track_error","error_message":"boom","component":"api","severity":"error","metadata":${metadata}}`;
    const before = await rowSnapshot(db.sql);
    const reply = await api.call('error-tracking', body);
    expect(reply.status).toBe(400);
    expect(await rowSnapshot(db.sql)).toEqual(before);
  });

  it('still accepts ordinary nesting and still refuses a NUL in a nested key', async () => {
    const metadata = { a: { b: { c: [[[{ d: 'ok' }]]] } } };
    const ok = await api.call('error-tracking', {
      action: 'track_error',
      error_message: 'nested ok',
      component: 'api',
      severity: 'error',
      metadata,
    });
    expect(ok.status).toBe(200);
    const nul = await api.call(
      'error-tracking',
      `{"action":"track_error","error_message":"x","component":"api","severity":"error","metadata":{"a":{"k\\u0000":1}}}`,
    );
    expect(nul.status).toBe(400);
    expect(nul.body.error.message).toMatch(/NUL/);
  });
});

describe('validation errors', () => {
  it('answers a 220 KB invalid batch with a bounded reply: the first 20 issues and their count', async () => {
    const requests = Array.from({ length: 1000 }, () => ({
      duration_ms: 'slow',
      status: 'teapot',
      route: 'x'.repeat(150),
    }));
    const body = JSON.stringify({ action: 'record_requests', requests });
    expect(body.length).toBeGreaterThan(200_000);
    const response = await fetch(`${api.url}/functions/v1/production-monitoring`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${api.serviceKey}` },
      body,
    });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(text.length).toBeLessThan(16_000);
    const reply = JSON.parse(text);
    expect(reply.error.details.issues).toHaveLength(20);
    expect(reply.error.details.issue_count).toBe(2000);
    expect(reply.error.message).toMatch(/and 1999 more/);
  });
});

describe('the local data directory', () => {
  it('is readable by no one but its owner, and the database OS user does not own it', async () => {
    const dataDir = join(testTmpRoot(), `rollgate-perm-${process.pid}-${Date.now()}`);
    // As the stack does before the database starts (keys.json goes here first).
    mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    const pg = await startEmbeddedPostgres({ dataDir, port: await freePort() });
    try {
      const stat = statSync(dataDir);
      const owner = postgresUser();
      expect(stat.uid).toBe(process.getuid?.());
      if (owner) {
        // As root the server runs as `postgres`: its group may pass through to pg/, nothing more.
        expect(stat.mode & 0o777).toBe(0o710);
        expect(stat.gid).toBe(owner.gid);
      } else {
        expect(stat.mode & 0o777).toBe(0o700);
      }
      expect(statSync(pg.pgdata).mode & 0o077).toBe(0);
    } finally {
      await pg.stop();
    }
  });
});
