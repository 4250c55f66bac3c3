import { Hono } from 'hono';
import { AppError } from '../../../shared/app-error.ts';
import { openApiDocument } from '../../../shared/contracts/openapi.ts';
import { success } from '../../../shared/envelope.ts';
import type { Logger } from '../../../shared/log.ts';
import type { Pool } from '../../../shared/sql/client.ts';
import type { AnyAction } from './action.ts';
import type { Verifier } from './auth.ts';
import { authenticate } from './authenticate.ts';
import { authorize } from './authorize.ts';
import { describe, reply } from './error-reply.ts';
import { toAppError } from './errors.ts';
import { parseJsonObject } from './json-body.ts';
import { useRequestLimits } from './request-limits.ts';
import { validationError } from './validation.ts';
import { asWebhook } from './webhook-body.ts';

/** What a function app needs from its runtime; index.ts builds it from Deno.env, the stack from its config. */
export interface FunctionDeps {
  sql: Pool;
  verifier: Verifier;
  log: Logger;
  /** The function's environment (Deno.env under Deno, the stack's settings under Node). */
  env: (key: string) => string | undefined;
}

/**
 * One Edge Function: `POST /<name>` with `{"action": …}`, dispatched on `action` to that action's
 * request schema (its contract). Order of checks: body → known action → caller → input → handler,
 * so an unauthenticated caller learns nothing about an action's schema.
 */
export interface FunctionOptions {
  /**
   * The action that receives Supabase Database Webhook payloads ({type, table, schema, record,
   * old_record}), which carry no `action` of their own.
   */
  webhookAction?: string;
}

export function createFunctionApp(
  name: string,
  actions: readonly AnyAction[],
  deps: FunctionDeps,
  options: FunctionOptions = {},
) {
  const byName = new Map(actions.map((a) => [a.name, a]));
  const validActions = [...byName.keys()];

  const app = new Hono({ strict: false }).basePath(`/${name}`);
  useRequestLimits(app);

  app.post('/', async (c) => {
    const body = asWebhook(parseJsonObject(await c.req.raw.text()), options.webhookAction);
    const action = byName.get(String(body.action));
    if (!action) {
      const message =
        body.action === undefined
          ? 'body must name an "action"'
          : `unknown action "${String(body.action)}"`;
      throw new AppError(400, 'unknown_action', message, {
        details: { valid_actions: validActions },
      });
    }
    const caller = await authenticate(c.req.raw.headers, action, deps);
    if (caller && action.access !== 'public')
      await authorize(deps.sql, caller, action.access, body, action.name);
    const parsed = action.request.safeParse(body);
    if (!parsed.success) throw validationError(parsed.error);
    const result = await action.handler(parsed.data, {
      sql: deps.sql,
      caller,
      log: deps.log,
      functionName: name,
      request: c.req.raw,
      env: deps.env,
    });
    return c.json(success(result));
  });

  // Built from the contracts on first request: a deployed function has only its .ts files.
  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get('/openapi.json', (c) => {
    document ??= openApiDocument([{ name, contracts: actions }]);
    return c.json(document);
  });

  app.all('/', () => {
    throw new AppError(405, 'method_not_allowed', `use POST /${name} with a JSON body`);
  });
  app.notFound((c) => reply(c, new AppError(404, 'not_found', `no route ${c.req.path}`)));
  app.onError((err, c) => {
    const appError = toAppError(err);
    if (appError.status >= 500) {
      deps.log('error', 'request_failed', {
        function: name,
        status: appError.status,
        error: describe(err),
      });
    }
    return reply(c, appError);
  });
  return app;
}
