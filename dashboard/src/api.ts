import { createRollgateClient, type RollgateClient } from '../../shared/client/client.ts';

export { ApiError } from '../../shared/client/api-error.ts';

/** Where the JSON API is and which key the page reads it with (the anon key, or a user's). */
export interface ApiConfig {
  url: string;
  key: string;
}

/** One action call, typed by the contracts: answers the result or throws an ApiError. */
export type Call = RollgateClient['call'];

/** The shared client, sending the key as any Supabase client does (Authorization and apikey). */
export function createApi(config: ApiConfig): Call {
  return createRollgateClient({
    url: config.url,
    credentials: { bearer: config.key, apikey: config.key },
  }).call;
}
