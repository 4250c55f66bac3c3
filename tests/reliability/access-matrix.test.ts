import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, SERVICE_PERMISSIONS } from '../../shared/access/permissions.ts';
import { ROLLGATE_ROLES, type RollgateRole } from '../../shared/model/grant.ts';
import { signUserToken } from '../../stack/keys.ts';
import type { Access, AnyAction } from '../../supabase/functions/_shared/action.ts';
import { REGISTRIES } from '../support/registries.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { signToken } from '../support/tokens.ts';

/** The stack's keys are issued by `supabase-demo`; this API accepts that issuer only. */
const ISSUER = 'supabase-demo';

type CallerName =
  | 'none'
  | 'anon'
  | 'authenticated'
  | RollgateRole
  | 'service_role'
  | 'expired'
  | 'bad_signature'
  | 'wrong_issuer';

let api: TestApi;
let tokens: Record<CallerName, string | null>;
let requests = 0;

beforeAll(async () => {
  api = await startTestApi(await createTestDatabase(), {}, { issuers: [ISSUER] });
  const sub = '00000000-0000-4000-8000-0000000000aa';
  // The refused tokens carry the most powerful role: only the flaw itself may refuse them.
  tokens = {
    none: null,
    anon: api.anonKey,
    authenticated: await signToken(
      { role: 'authenticated', sub, aud: 'authenticated' },
      { issuer: ISSUER },
    ),
    ...Object.fromEntries(
      await Promise.all(ROLLGATE_ROLES.map(async (role) => [role, await grantedUser(role)])),
    ),
    service_role: api.serviceKey,
    expired: await signToken({ role: 'service_role' }, { issuer: ISSUER, expiresInSeconds: -60 }),
    bad_signature: await signToken(
      { role: 'service_role' },
      { issuer: ISSUER, secret: 'not-the-project-secret-0123456789abcdefghij' },
    ),
    wrong_issuer: await signToken(
      { role: 'service_role' },
      { issuer: 'https://attacker.example/auth/v1' },
    ),
  };
});

/** A signed-up user (ES256, from the project's JWKS) granted one Rollgate role everywhere. */
async function grantedUser(role: RollgateRole): Promise<string> {
  const sub = randomUUID();
  const reply = await api.call('deploy-orchestrator', { action: 'grant_role', user_id: sub, role });
  if (reply.status !== 200) throw new Error(`grant_role: ${JSON.stringify(reply.body)}`);
  return signUserToken(api.signingKey, { sub, email: `${role}@example.com` }, { issuer: ISSUER });
}

afterAll(() => {
  const actions = Object.values(REGISTRIES).flat().length;
  console.log(
    `access matrix: ${actions} actions × ${Object.keys(tokens).length} callers = ${requests} requests`,
  );
});

/** A body the action's schema refuses, so an admitted caller gets a 400 and nothing runs. */
function refusedBody(action: AnyAction): Record<string, unknown> | null {
  const candidates: unknown[] = [{ nested: true }, [], true, -1e308, 'x'.repeat(300_000)];
  const keys = Object.keys(action.request.shape).filter((k) => k !== 'action');
  for (const key of keys) {
    for (const value of candidates) {
      const body = { action: action.name, [key]: value };
      if (!action.request.safeParse(body).success) return body;
    }
  }
  return null;
}

/** The role model (shared/access/permissions.ts) as the matrix expects it. */
function admitted(access: Access, caller: CallerName): boolean {
  if (access === 'public') return true;
  if (caller === 'service_role') return SERVICE_PERMISSIONS.includes(access);
  if (caller === 'anon' || caller === 'authenticated') return access === 'read';
  if ((ROLLGATE_ROLES as readonly string[]).includes(caller))
    return access !== 'service' && ROLE_PERMISSIONS[caller as RollgateRole].includes(access);
  return false;
}

/** Verified callers refused with 403 (a key only where the action needs a person). */
const VERIFIED: readonly CallerName[] = [
  'anon',
  'authenticated',
  ...ROLLGATE_ROLES,
  'service_role',
];

describe.each(Object.entries(REGISTRIES))('%s', (fn, actions) => {
  it.each(actions.map((a) => [a.name, a] as const))(
    '%s answers each caller as its access declares',
    async (_name, action) => {
      const refused = refusedBody(action);
      for (const [caller, token] of Object.entries(tokens) as Array<[CallerName, string | null]>) {
        requests += 1;
        const reply = await api.call(fn, refused ?? { action: action.name }, { token });
        const what = `${fn}.${action.name} as ${caller}: ${JSON.stringify(reply.body)}`;
        if (admitted(action.access, caller)) {
          if (refused) {
            expect(reply.status, what).toBe(400);
            expect(reply.body.error.code, what).toBe('validation_failed');
          } else {
            expect(reply.status, what).toBeLessThan(300);
          }
        } else if (VERIFIED.includes(caller)) {
          expect(reply.status, what).toBe(403);
          expect(reply.body.error.code, what).toBe('forbidden');
        } else {
          expect(reply.status, what).toBe(401);
          expect(reply.body.error.code, what).toBe('unauthorized');
        }
      }
    },
  );
});
