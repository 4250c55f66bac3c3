import {
  type ActionName,
  type ActionResult,
  createRollgateClient,
} from '../shared/client/client.ts';
import type { FunctionName } from '../shared/function-names.ts';
import type { Connection } from './connection.ts';
import { validateRequest } from './validate.ts';

export interface Api {
  readonly url: string;
  /**
   * POSTs `{action, ...}` to a function, checked first against the action's request schema
   * (a mistake is named by the flag that set it); answers `result`, or throws an ApiError.
   */
  call<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    body: { action: A } & Record<string, unknown>,
    flagNames?: Record<string, string>,
  ): Promise<ActionResult<F, A>>;
}

/** The shared client, with the key sent as Supabase clients send it (apikey and bearer). */
export function createApi(connection: Connection): Api {
  const client = createRollgateClient({
    url: connection.url,
    credentials: { bearer: connection.key, apikey: connection.key },
  });
  return {
    url: connection.url,
    async call(fn, body, flagNames) {
      validateRequest(fn, body, flagNames);
      return client.call<typeof fn, typeof body.action>(fn, body);
    },
  };
}
