import { createClient } from '@supabase/supabase-js';
import type { FunctionName } from '../shared/function-names.ts';
import type { Connection } from './connection.ts';
import { ApiError } from './errors.ts';
import { validateRequest } from './validate.ts';

// biome-ignore lint/suspicious/noExplicitAny: results are read field by field, as jq does
type Result = any;

export interface Api {
  readonly url: string;
  /** POSTs `{action, ...}` to a function; answers `result`, or throws an ApiError. */
  call(
    fn: FunctionName,
    body: { action: string } & Record<string, unknown>,
    flagNames?: Record<string, string>,
  ): Promise<Result>;
}

/** The CLI never subscribes to anything; Node 20 has no WebSocket for realtime-js to find. */
class NoRealtime {
  constructor() {
    throw new Error('the rollgate CLI does not use realtime');
  }
}

/** A Supabase client like any other: `functions.invoke` with the project URL and a key. */
export function createApi(connection: Connection): Api {
  const supabase = createClient(connection.url, connection.key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    realtime: { transport: NoRealtime as never },
  });
  return {
    url: connection.url,
    async call(fn, body, flagNames) {
      await validateRequest(fn, body, flagNames);
      const { data, error } = await supabase.functions.invoke(fn, { body });
      if (error) throw await toApiError(error, connection.url);
      if (!data || typeof data !== 'object' || !('ok' in data)) {
        throw new ApiError('invalid_response', `${fn} did not answer with a Rollgate envelope`);
      }
      if (!data.ok) throw new ApiError(data.error.code, data.error.message);
      return data.result;
    },
  };
}

async function toApiError(error: Error, url: string): Promise<ApiError> {
  const context = (error as { context?: unknown }).context;
  if (error.name === 'FunctionsHttpError' && context instanceof Response) {
    const text = await context.text().catch(() => '');
    try {
      const body = JSON.parse(text) as {
        error?: { code?: string; message?: string; details?: unknown };
      };
      if (body.error?.code) {
        return new ApiError(
          body.error.code,
          body.error.message ?? '',
          context.status,
          body.error.details,
        );
      }
    } catch {
      // Not our envelope (a proxy's error page): fall through to the status line.
    }
    return new ApiError(
      `http_${context.status}`,
      context.statusText || 'request failed',
      context.status,
    );
  }
  if (error.name === 'FunctionsFetchError') {
    const cause = context instanceof Error ? (context.cause as Error | undefined) : undefined;
    const why =
      (cause as NodeJS.ErrnoException | undefined)?.code ?? cause?.message ?? error.message;
    return new ApiError('unreachable', `cannot reach ${url} (${why})`);
  }
  return new ApiError('request_failed', error.message);
}
