import type { ErrorEventInput, SEVERITIES } from '../../../../shared/telemetry/schemas.ts';
import { eventMetadata, object, tagsOf } from './event-metadata.ts';
import { type ExceptionValue, exceptionTitle, stackText } from './stack-text.ts';

type Severity = (typeof SEVERITIES)[number];

/** Sentry's levels onto Rollgate's severities; Sentry's default level for an event is error. */
const LEVELS: Record<string, Severity> = {
  fatal: 'fatal',
  critical: 'critical',
  error: 'error',
  warning: 'warning',
  warn: 'warning',
  info: 'info',
  log: 'info',
  debug: 'debug',
};

const MAX_MESSAGE = 8192;
const MAX_STACK = 65_536;

/**
 * A Sentry event (https://develop.sentry.dev/sdk/data-model/event-payloads/) as the error event
 * `track_error` takes: the captured exception's `Type: value` (else the message) is the message,
 * its frames the stack, `level` the severity, the `component` tag (else the logger, else the
 * SDK's name) the component; release and environment as sent. Deployment and variant are left to
 * release attribution. Labels too long for the schema are cut, not refused: an SDK cannot
 * shorten its release name on a 400.
 */
export function errorEventFromSentry(event: Record<string, unknown>): ErrorEventInput {
  const exceptions = exceptionValues(event.exception);
  const main = exceptions.at(-1);
  const message = main ? exceptionTitle(main) : messageOf(event);
  const title = message || '<unlabeled event>';
  const tags = tagsOf(event.tags);
  const stack = stackOf(event, title, exceptions);
  const input: ErrorEventInput = {
    error_message: title.slice(0, MAX_MESSAGE),
    component: label(
      [tags.component, event.logger, object(event.sdk).name, 'sentry'].find(
        (c) => typeof c === 'string' && c.trim() !== '',
      ),
      100,
    ) as string,
    severity: severityOf(event.level),
    metadata: eventMetadata(event, main ? object(main).mechanism : undefined),
  };
  const release = label(event.release, 100);
  if (release) input.release = release;
  const environment = label(event.environment, 50);
  if (environment) input.environment = environment;
  if (stack) input.stack = stack.slice(0, MAX_STACK);
  const timestamp = timestampOf(event.timestamp);
  if (timestamp) input.timestamp = timestamp;
  return input;
}

function severityOf(level: unknown): Severity {
  const name = String(level ?? 'error').toLowerCase();
  return Object.hasOwn(LEVELS, name) ? (LEVELS[name] as Severity) : 'error';
}

/** `exception` is `{values: [...]}`, or a bare list in older SDKs; the captured one comes last. */
function exceptionValues(exception: unknown): ExceptionValue[] {
  const values = Array.isArray(exception) ? exception : object(exception).values;
  return Array.isArray(values) ? values.filter((v) => v && typeof v === 'object') : [];
}

function messageOf(event: Record<string, unknown>): string {
  for (const m of [event.logentry, event.message]) {
    if (typeof m === 'string' && m.trim()) return m.trim();
    const o = object(m);
    const text = [o.formatted, o.message].find((t) => typeof t === 'string' && t.trim());
    if (typeof text === 'string') return text.trim();
  }
  return '';
}

/** The captured exception's frames, then its causes'; else the event's or crashed thread's. */
function stackOf(event: Record<string, unknown>, title: string, exceptions: ExceptionValue[]) {
  const chained = exceptions
    .slice()
    .reverse()
    .map((e, i) => stackText(i === 0 ? title : `Caused by: ${exceptionTitle(e)}`, framesOf(e)))
    .filter((s): s is string => s !== undefined);
  if (chained.length) return chained.join('\n');
  const threads = object(event.threads).values;
  const thread = Array.isArray(threads)
    ? (threads.find((t) => object(t).crashed) ?? threads[0])
    : undefined;
  return stackText(title, framesOf(event) ?? framesOf(object(thread)));
}

function framesOf(holder: { stacktrace?: unknown }): unknown {
  return object(holder.stacktrace).frames;
}

function label(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim().slice(0, max).trim();
  return trimmed || undefined;
}

/** Seconds since the epoch (a number) or RFC 3339, UTC when no offset is given. */
function timestampOf(value: unknown): string | undefined {
  let at: Date | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) at = new Date(value * 1000);
  else if (typeof value === 'string' && value)
    at = new Date(/(Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`);
  return at && !Number.isNaN(at.getTime()) ? at.toISOString() : undefined;
}
