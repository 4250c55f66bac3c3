import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { AppError } from '../../../shared/app-error.ts';
import { reply } from './error-reply.ts';

export const MAX_BODY_BYTES = 1024 * 1024;

const CORS_HEADERS = [
  'authorization',
  'x-client-info',
  'apikey',
  'content-type',
  'idempotency-key',
  // Sentry SDKs (error-tracking's /api/<project>/envelope/) authenticate and compress this way.
  'x-sentry-auth',
  'content-encoding',
];

/** CORS for browsers (the dashboard) and the 1 MiB body limit, on every route of a function app. */
export function useRequestLimits(app: Hono) {
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
}
