import type { z } from 'zod';
import type { ContractsByFunction } from '../contracts/index.ts';
import type { FunctionName } from '../function-names.ts';
import { ApiError } from './api-error.ts';

type ContractOf<F extends FunctionName> = ContractsByFunction[F][number];
type Named<F extends FunctionName, A> = Extract<ContractOf<F>, { name: A }>;
/** The actions a function answers. */
export type ActionName<F extends FunctionName> = ContractOf<F>['name'];
/** What an action answers inside `{ok: true, result}`, from its contract. */
export type ActionResult<F extends FunctionName, A extends ActionName<F>> = z.infer<
  Named<F, A>['response']
>;
/** What an action accepts, from its contract: fields with a default may be left out. */
export type ActionRequest<F extends FunctionName, A extends ActionName<F>> = z.input<
  Named<F, A>['request']
>;

/** How a call proves who it is: Supabase clients send a key as both headers. */
export interface Credentials {
  bearer?: string | null;
  apikey?: string | null;
}

export interface ClientOptions {
  /** The project URL: calls go to `<url>/functions/v1/<function>`. */
  url: string;
  credentials?: Credentials;
  /** Checked before a call is sent, e.g. the CLI's validation against the request schema. */
  beforeCall?: (fn: FunctionName, body: { action: string }) => void | Promise<void>;
}

export interface CallOptions {
  credentials?: Credentials;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** A reply as it came: the HTTP status and the parsed body (null when empty or not JSON). */
export interface RawReply {
  status: number;
  statusText: string;
  body: unknown;
}

/**
 * The one client of Rollgate's functions: fetch, the envelope, one error class. Only Web
 * standards, so it runs in the browser, Node and Deno; the contracts give it its types.
 */
export function createRollgateClient(options: ClientOptions) {
  const base = `${options.url.replace(/\/$/, '')}/functions/v1`;

  /** POSTs a body (a string is sent as it is) and answers status and parsed body; never throws on a status. */
  async function send(fn: string, body: unknown, call: CallOptions = {}): Promise<RawReply> {
    const { bearer, apikey } = call.credentials ?? options.credentials ?? {};
    const response = await fetch(`${base}/${fn}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...(apikey ? { apikey } : {}),
        ...call.headers,
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
      ...(call.signal ? { signal: call.signal } : {}),
    });
    const text = await response.text();
    return { status: response.status, statusText: response.statusText, body: parse(text) };
  }

  /** Calls one action and answers its typed result, or throws an ApiError. */
  async function call<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    body: { action: A } & NoInfer<ActionRequest<F, A>>,
    callOptions?: CallOptions,
  ): Promise<ActionResult<F, A>> {
    await options.beforeCall?.(fn, body);
    const reply = await send(fn, body, callOptions).catch((err: unknown) => {
      throw new ApiError('unreachable', `cannot reach ${options.url} (${reasonOf(err)})`);
    });
    return resultOf(fn, reply) as ActionResult<F, A>;
  }

  return { url: options.url, send, call };
}

export type RollgateClient = ReturnType<typeof createRollgateClient>;

function parse(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

/** The result of an `ok` envelope; anything else as an ApiError. */
function resultOf(fn: string, reply: RawReply): unknown {
  const envelope = reply.body as {
    ok?: unknown;
    result?: unknown;
    error?: { code?: unknown; message?: unknown; details?: unknown };
  } | null;
  if (envelope?.ok === true && 'result' in envelope) return envelope.result;
  if (envelope?.ok === false && typeof envelope.error?.code === 'string') {
    const { code, message, details } = envelope.error;
    throw new ApiError(code, String(message ?? ''), reply.status, details);
  }
  if (reply.status >= 400)
    throw new ApiError(`http_${reply.status}`, reply.statusText || 'request failed', reply.status);
  throw new ApiError('invalid_response', `${fn} did not answer with a Rollgate envelope`);
}

function reasonOf(err: unknown): string {
  const cause = err instanceof Error ? (err.cause as { code?: string; message?: string }) : null;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}
