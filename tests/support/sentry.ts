import * as http from 'node:http';
import * as Sentry from '@sentry/node';

/** A DSN pointing a Sentry SDK at Rollgate's error-tracking function, as the docs show it. */
export function rollgateDsn(functionsUrl: string, ingestKey: string, projectId = '1'): string {
  const url = new URL(`${functionsUrl}/error-tracking/${projectId}`);
  url.username = ingestKey;
  return url.toString();
}

export interface SentRequest {
  path: string;
  headers: Record<string, unknown>;
}

/**
 * The real `@sentry/node`, set up as an app would (`Sentry.init({dsn, release, environment})`).
 * Its transport's own `http` module is wrapped only to record what it sent (path, headers), so a
 * test can tell a gzip upload from a plain one. The previous client, if any, is closed first.
 */
export async function initSentry(options: { dsn: string; release: string; environment: string }) {
  await Sentry.close(2000);
  const sent: SentRequest[] = [];
  const recordingHttp = {
    ...http,
    request: ((opts: http.RequestOptions, callback?: (res: http.IncomingMessage) => void) => {
      sent.push({ path: String(opts.path), headers: { ...(opts.headers ?? {}) } });
      return http.request(opts, callback);
    }) as typeof http.request,
  };
  Sentry.init({
    ...options,
    transportOptions: { httpModule: recordingHttp } as never,
  });
  return { Sentry, sent };
}

/** Captures, flushes every 20 events (the transport buffers at most 64), and waits for delivery. */
export async function captureAll(errors: Error[], level: Sentry.SeverityLevel = 'error') {
  for (let i = 0; i < errors.length; i++) {
    Sentry.captureException(errors[i], { level });
    if (i % 20 === 19) await Sentry.flush(10_000);
  }
  if (!(await Sentry.flush(10_000))) throw new Error('Sentry.flush timed out');
}

/** Whether the SDK sent anything gzip-compressed. */
export function sentGzipped(sent: SentRequest[]): boolean {
  return sent.some((r) => r.headers['content-encoding'] === 'gzip');
}

/**
 * Captures `error` with 100 breadcrumbs of 600 characters on the scope, an envelope of about
 * 60 KiB (the SDK gzips one over 32 KiB), then clears them again; answers Sentry.flush's answer.
 */
export async function captureLarge(error: Error): Promise<boolean> {
  for (let i = 0; i < 100; i++)
    Sentry.addBreadcrumb({ category: 'step', message: `${i} ${'x'.repeat(600)}` });
  Sentry.captureException(error);
  const flushed = await Sentry.flush(10_000);
  Sentry.getCurrentScope().clearBreadcrumbs();
  return flushed;
}

/** A Sentry envelope as bytes: header line, then each item's header line and payload. */
export function envelope(
  header: Record<string, unknown>,
  items: Array<[Record<string, unknown>, string]>,
) {
  return [JSON.stringify(header), ...items.flatMap(([h, p]) => [JSON.stringify(h), p])].join('\n');
}
