import { scrubPersonalData } from '../../../../shared/telemetry/personal-data.ts';

type Json = Record<string, unknown>;

/** Contexts worth keeping: where the error happened. `user`, `request` bodies, `extra` are not. */
const CONTEXTS = [
  'trace',
  'runtime',
  'os',
  'app',
  'device',
  'browser',
  'culture',
  'cloud_resource',
];
const MAX_TAGS = 50;
const MAX_VALUE = 200;

/**
 * What an event's metadata keeps of a Sentry event: its tags, the contexts that say where it
 * happened (flat, primitive values only), the SDK, logger, platform, transaction and exception
 * mechanism. The user, cookies, headers, request bodies, `extra` and local variables are left
 * out; every string kept is scrubbed of e-mails, card numbers and tokens and cut to 200
 * characters, so the metadata stays small and holds no personal data.
 */
export function eventMetadata(event: Json, mechanism: unknown): Json {
  const sdk = object(event.sdk);
  const request = object(event.request);
  const sentry = flat({
    event_id: event.event_id,
    platform: event.platform,
    logger: event.logger,
    transaction: event.transaction,
    server_name: event.server_name,
    sdk: typeof sdk.name === 'string' ? `${sdk.name}/${String(sdk.version ?? '')}` : undefined,
    mechanism: object(mechanism).type,
    handled: object(mechanism).handled,
    request_method: request.method,
    // The path only: a query string is where tokens and e-mails travel.
    request_url: typeof request.url === 'string' ? request.url.split(/[?#]/)[0] : undefined,
  });
  const contexts = object(event.contexts);
  const kept: Json = {};
  for (const name of CONTEXTS) {
    const context = flat(object(contexts[name]));
    if (Object.keys(context).length) kept[name] = context;
  }
  return { sentry, tags: tagsOf(event.tags), contexts: kept };
}

/** Sentry sends tags as an object or as `[key, value]` pairs. */
export function tagsOf(tags: unknown): Record<string, string | number | boolean> {
  const pairs = Array.isArray(tags)
    ? tags.filter((t): t is [unknown, unknown] => Array.isArray(t) && t.length === 2)
    : Object.entries(object(tags));
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of pairs.slice(0, MAX_TAGS)) {
    const v = primitive(value);
    if (typeof key === 'string' && key !== '__proto__' && v !== undefined)
      out[key.slice(0, 32)] = v;
  }
  return out;
}

function flat(json: Json): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(json)) {
    const v = primitive(value);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function primitive(value: unknown): string | number | boolean | undefined {
  if (typeof value === 'string') return scrubPersonalData(value).slice(0, MAX_VALUE);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return undefined;
}

export function object(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}
