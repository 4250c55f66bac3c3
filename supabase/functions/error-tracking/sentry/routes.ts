import type { Context, Hono } from 'hono';
import { AppError } from '../../../../shared/app-error.ts';
import type { Caller } from '../../_shared/action.ts';
import type { FunctionDeps } from '../../_shared/app.ts';
import { readDecodedBody } from '../../_shared/decoded-body.ts';
import { MAX_BODY_BYTES } from '../../_shared/request-limits.ts';
import { jsonPayload, parseEnvelope } from './envelope.ts';
import { ingestSentryEvents } from './ingest-sentry.ts';
import { sentryCaller, sentryKeyOf } from './sentry-key.ts';

/**
 * What Sentry SDKs post as: none (`@sentry/node` sends no Content-Type), the envelope type, or
 * what browsers and older SDKs label it. Anything else is not a Sentry payload: 415.
 */
const CONTENT_TYPES = [
  'application/x-sentry-envelope',
  'text/plain',
  'application/json',
  'application/octet-stream',
];

/**
 * Sentry's ingest endpoints on `error-tracking`, so a DSN
 * `https://<ingest key>@<project>.supabase.co/functions/v1/error-tracking/<digits>` works with
 * any unmodified Sentry SDK: `/api/<project id>/envelope/` (what current SDKs send) and the
 * older `/api/<project id>/store/` (one JSON event). The project id must be digits, as SDKs
 * require, and is otherwise ignored: the ingest key alone says who sends and for which
 * environment. Answers as Sentry does (`{"id": "<event id>"}`); a refusal is Rollgate's error
 * envelope, with nothing written.
 */
// biome-ignore lint/suspicious/noExplicitAny: any function app, whatever its route typing
export function addSentryRoutes(app: Hono<any, any, any>, deps: FunctionDeps) {
  app.post('/api/:project{[0-9]+}/envelope', async (c) => {
    const keyed = await callerFromRequest(c, deps);
    const envelope = parseEnvelope(await readDecodedBody(c.req.raw, MAX_BODY_BYTES));
    const caller =
      keyed ?? (await sentryCaller(deps.sql, sentryKeyOf(c.req.raw, envelope.header.dsn)));
    const events = envelope.items
      .filter((item) => item.type === 'event')
      .map((item, i) => jsonPayload(item.payload, `event ${i + 1}`));
    // Sessions, client reports, transactions, attachments…: accepted, not kept.
    if (events.length) await ingestSentryEvents(deps.sql, caller, events);
    const id = envelope.header.event_id ?? events[0]?.event_id;
    return c.json(typeof id === 'string' ? { id } : {});
  });

  app.post('/api/:project{[0-9]+}/store', async (c) => {
    const caller = (await callerFromRequest(c, deps)) ?? (await sentryCaller(deps.sql, null));
    const event = jsonPayload(await readDecodedBody(c.req.raw, MAX_BODY_BYTES), 'the event');
    await ingestSentryEvents(deps.sql, caller, [event]);
    return c.json(typeof event.event_id === 'string' ? { id: event.event_id } : {});
  });
}

/** Checks the content type, then the key if the URL or a header carries one (null if neither). */
async function callerFromRequest(context: Context, deps: FunctionDeps): Promise<Caller | null> {
  const type = (context.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type && !CONTENT_TYPES.includes(type))
    throw new AppError(
      415,
      'unsupported_media_type',
      `Content-Type "${type}" is not a Sentry payload`,
      {
        details: { supported: CONTENT_TYPES },
      },
    );
  const key = sentryKeyOf(context.req.raw);
  return key ? sentryCaller(deps.sql, key) : null;
}
