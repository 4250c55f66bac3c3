import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyAction } from '../../supabase/functions/_shared/action.ts';
import { exceedsDepth, MAX_JSON_DEPTH } from '../../supabase/functions/_shared/json-body.ts';
import { REGISTRIES } from '../support/registries.ts';
import { rowSnapshot } from '../support/row-snapshot.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { approverToken } from '../support/tokens.ts';
import { brokenFor, junk, validFor } from '../support/zod-arbitrary.ts';

/** Cases per action: bounded so the whole file stays well under a minute. */
const RUNS = Number(process.env.ROLLGATE_PROPERTY_RUNS ?? 30);

let db: TestDatabase;
let api: TestApi;
const tally = { actions: 0, invalid: 0, valid: 0 };

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db);
});

afterAll(() => {
  console.log(
    `bad input: ${tally.actions} actions, ${tally.invalid + tally.valid} cases ` +
      `(${tally.invalid} invalid → JSON 400 with nothing written, ` +
      `${tally.valid} valid → no 5xx)`,
  );
});

/** What a fuzzing client sends for one action: mostly broken payloads, some valid, some with extras. */
function payloads(action: AnyAction): fc.Arbitrary<Record<string, unknown>> {
  const { action: _literal, ...shape } = action.request.shape;
  const input = action.request.pick(Object.fromEntries(Object.keys(shape).map((k) => [k, true])));
  const extras = fc.dictionary(fc.string({ maxLength: 12 }), junk, { maxKeys: 3 });
  const asBody = (value: unknown) =>
    ({
      ...(typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {}),
      action: action.name,
    }) as Record<string, unknown>;
  const valid = validFor(input).map(asBody);
  const validWithExtras = fc.tuple(extras, valid).map(([x, v]) => ({ ...x, ...v }));
  if (Object.keys(shape).length === 0) return fc.oneof(valid, validWithExtras);
  return fc.oneof(
    { weight: 6, arbitrary: brokenFor(input).map(asBody) },
    { weight: 1, arbitrary: valid },
    { weight: 1, arbitrary: validWithExtras },
  );
}

describe.each(Object.entries(REGISTRIES))('%s', (fn, actions) => {
  it.each(actions.map((a) => [a.name, a] as const))(
    '%s: malformed payloads get a JSON 400 and write nothing; valid ones never a 5xx',
    async (_name, action) => {
      tally.actions += 1;
      await fc.assert(
        fc.asyncProperty(payloads(action), async (body) => {
          const valid = action.request.safeParse(body).success;
          const before = valid ? null : await rowSnapshot(db.sql);
          // A key may call everything except what needs a person (approve): Bob calls that.
          const token = action.access === 'approve' ? await approverToken() : undefined;
          const reply = await api.call(fn, body, token ? { token } : {});
          expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(500);
          if (valid) {
            tally.valid += 1;
            expect(reply.body.ok).toBe(reply.status < 300);
            if (!reply.body.ok) expect(reply.body.error.code).toEqual(expect.any(String));
            return;
          }
          tally.invalid += 1;
          expect(reply.status).toBe(400);
          expect(reply.body.ok).toBe(false);
          // A NUL character (PostgreSQL cannot store it) and nesting deeper than the limit are
          // refused before validation.
          const text = JSON.stringify(body);
          if (text.includes('\\u0000') || exceedsDepth(text, MAX_JSON_DEPTH)) {
            expect(reply.body.error.code).toBe('invalid_request');
          } else {
            expect(reply.body.error.code).toBe('validation_failed');
            expect(reply.body.error.details.issues.length).toBeGreaterThan(0);
          }
          expect(await rowSnapshot(db.sql)).toEqual(before);
        }),
        { numRuns: RUNS },
      );
    },
  );
});

describe('strings PostgreSQL cannot store', () => {
  it('refuses a NUL character anywhere in the body with 400 invalid_request and writes nothing', async () => {
    const before = await rowSnapshot(db.sql);
    const reply = await api.call('deploy-orchestrator', {
      action: 'rollback',
      deployment_id: 'dep\u0000x',
      reason: 'fuzz',
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual({
      code: 'invalid_request',
      message: 'strings must not contain the NUL character',
    });
    expect(await rowSnapshot(db.sql)).toEqual(before);
  });
});
