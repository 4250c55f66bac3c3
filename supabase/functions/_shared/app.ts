import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../../../shared/app-error.ts';
import { openApiDocument } from '../../../shared/contracts/openapi.ts';
import { failure, success } from '../../../shared/envelope.ts';
import type { AnyAction, Caller } from './action.ts';
import type { Verifier } from './auth.ts';
import { authorize } from './authorize.ts';
import { credentialsFrom } from './credentials.ts';
import type { Sql } from './db.ts';
import { toAppError } from './errors.ts';
import { ingestCaller } from './ingest-credential.ts';
import { parseJsonObject } from './json-body.ts';
import type { Logger } from './log.ts';
import { validationError } from './validation.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

/** What a function app needs from its runtime; index.ts builds it from Deno.env, the stack from its config. */
export interface FunctionDeps {
  sql: Sql;
  verifier: Verifier;
  log: Logger;
  /** The function's environment (Deno.env under Deno, the stack's settings under Node). */
  env: (key: string) => string | undefined;
}

const CORS_HEADERS = [
  'authorization',
  'x-client-info',
  'apikey',
  'content-type',
  'idempotency-key',
];

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
  app.use(
    '*',
    cors({ origin: '*', allowHeaders: CORS_HEADERS, allowMethods: ['GET', 'POST', 'OPTIONS'] }),
  );
  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) => {
        // The unread rest of the body makes the connection unusable for the next request.
        c.header('Connection', 'close');
        return reply(c, new AppError(413, 'payload_too_large', 'request body exceeds 1 MiB'));
      },
    }),
  );

  app.post('/', async (c) => {
    const body = asWebhook(await readJsonObject(c.req.raw), options.webhookAction);
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

async function authenticate(
  headers: Headers,
  action: AnyAction,
  deps: { verifier: Verifier; sql: FunctionDeps['sql'] },
): Promise<Caller | null> {
  const identify = async () =>
    (await ingestCaller(credentialsFrom(headers), deps.sql)) ?? deps.verifier.identify(headers);
  if (action.access === 'public') return identify().catch(() => null);
  const caller = await identify();
  if (!caller) throw new AppError(401, 'unauthorized', 'this action needs a key or a bearer token');
  return caller;
}

function asWebhook(body: Record<string, unknown>, webhookAction: string | undefined) {
  const isWebhook =
    body.action === undefined && typeof body.type === 'string' && typeof body.table === 'string';
  return webhookAction && isWebhook ? { action: webhookAction, payload: body } : body;
}

async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  return parseJsonObject(await request.text());
}

function reply(c: Context, err: AppError) {
  const body = {
    code: err.code,
    message: err.message,
    ...(err.details === undefined ? {} : { details: err.details }),
  };
  return c.json(failure(body), err.status as ContentfulStatusCode);
}

function describe(err: unknown): Record<string, unknown> {
  const cause = err instanceof AppError ? err.cause : err;
  if (cause instanceof Error)
    return { name: cause.name, message: cause.message, stack: cause.stack };
  return { value: String(cause) };
}
