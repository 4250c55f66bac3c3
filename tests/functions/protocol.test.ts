import { beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_NAMES } from '../../shared/function-names.ts';
import { corsPreflight } from '../support/cors.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase } from '../support/test-database.ts';
import { signToken, userToken } from '../support/tokens.ts';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi(await createTestDatabase());
});

describe.each(FUNCTION_NAMES)('%s', (fn) => {
  it('answers health_check without a token', async () => {
    const reply = await api.call(fn, { action: 'health_check' }, { token: null });
    expect(reply.status).toBe(200);
    expect(reply.body.ok).toBe(true);
    expect(reply.body.result.status).toBe('healthy');
    expect(reply.body.result.function).toBe(fn);
  });

  it('refuses a non-health action without a token with 401', async () => {
    const reply = await api.call(fn, { action: 'list_actions' }, { token: null });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'this action needs a key or a bearer token' },
    });
  });

  it('refuses expired, forged and role-less tokens with 401', async () => {
    const expired = await signToken({ role: 'service_role' }, { expiresInSeconds: -60 });
    const forged = await signToken(
      { role: 'service_role' },
      { secret: 'another-secret-entirely-0123456789abcdef' },
    );
    const roleless = await signToken({ sub: 'x' });
    for (const [token, message] of [
      [expired, 'token has expired'],
      [forged, 'token signature is invalid'],
      [roleless, 'token carries no Supabase role claim'],
      ['not-a-jwt', 'token is neither a JWT nor an API key'],
    ] as const) {
      const reply = await api.call(fn, { action: 'list_actions' }, { token });
      expect(reply.status, message).toBe(401);
      expect(reply.body.error.message).toBe(message);
    }
  });

  it('accepts the service_role key and lists its actions', async () => {
    const reply = await api.call(fn, { action: 'list_actions' });
    expect(reply.status).toBe(200);
    const names = reply.body.result.actions.map((a: { name: string }) => a.name);
    expect(names).toContain('health_check');
    expect(names).toContain('list_actions');
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const reply = await api.call(fn, '{"action": ', { token: null });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_json');
  });

  it('answers a non-object body with 400', async () => {
    const reply = await api.call(fn, '[1,2]', { token: null });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_request');
  });

  it('answers an unknown action with 400 listing the valid ones', async () => {
    const reply = await api.call(fn, { action: 'launch_rockets' }, { token: null });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('unknown_action');
    expect(reply.body.error.message).toBe('unknown action "launch_rockets"');
    expect(reply.body.error.details.valid_actions).toContain('health_check');
  });

  it('answers a body over 1 MiB with 413', async () => {
    const big = JSON.stringify({ action: 'health_check', pad: 'x'.repeat(1024 * 1024) });
    const reply = await api.call(fn, big, { token: null });
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('payload_too_large');
  });

  it('answers GET with 405 in the envelope', async () => {
    const response = await fetch(`${api.url}/functions/v1/${fn}`);
    expect(response.status).toBe(405);
    expect((await response.json()).error.code).toBe('method_not_allowed');
  });

  it('answers a CORS preflight the way browsers need', async () => {
    const response = await corsPreflight(
      `${api.url}/functions/v1/${fn}`,
      'http://localhost:3000',
      'authorization, apikey, content-type',
    );
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toContain('apikey');
  });
});

describe('roles', () => {
  it('admits a user granted viewer to a view action and refuses anon with 403', async () => {
    const sub = '00000000-0000-4000-8000-0000000000b7';
    const granted = await api.call('deploy-orchestrator', {
      action: 'grant_role',
      user_id: sub,
      role: 'viewer',
    });
    expect(granted.status).toBe(200);
    const asUser = await api.call(
      'database-scalability',
      { action: 'unvalidated_constraints' },
      { token: await userToken(sub) },
    );
    expect(asUser.status).toBe(200);
    const asAnon = await api.call(
      'database-scalability',
      { action: 'unvalidated_constraints' },
      { token: api.anonKey },
    );
    expect(asAnon.status).toBe(403);
    expect(asAnon.body.error).toEqual({
      code: 'forbidden',
      message: 'anonymous may not call unvalidated_constraints',
      details: { required: 'view', reason: 'the publishable (anon) key only reads' },
    });
  });

  it('accepts the key in the apikey header when no Authorization is sent', async () => {
    const reply = await api.call(
      'error-tracking',
      { action: 'list_actions' },
      { token: null, headers: { apikey: api.anonKey } },
    );
    expect(reply.status).toBe(200);
  });

  it('refuses a malformed Authorization header with 401', async () => {
    const reply = await api.call(
      'error-tracking',
      { action: 'list_actions' },
      { token: null, headers: { authorization: 'Token abc' } },
    );
    expect(reply.status).toBe(401);
    expect(reply.body.error.message).toBe('Authorization header must be "Bearer <token>"');
  });
});

describe('validation', () => {
  it('rejects input that breaks an action schema with 400 naming the field', async () => {
    const reply = await api.call('database-scalability', { action: 'table_sizes', limit: 0 });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('validation_failed');
    expect(reply.body.error.message).toMatch(/^limit: /);
    expect(reply.body.error.details.issues[0].path).toBe('limit');
  });

  it('answers an unknown function with 404', async () => {
    const response = await fetch(`${api.url}/functions/v1/nope`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect((await response.json()).error.details.functions).toHaveLength(5);
  });
});
