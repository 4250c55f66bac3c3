/** Where the JSON API is and which key the page reads it with (the anon key, or a user's). */
export interface ApiConfig {
  url: string;
  key: string;
}

export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Call = <T>(fn: string, body: Record<string, unknown>) => Promise<T>;

/** POST `{action, …}` as any Supabase client does (Authorization and apikey headers). */
export function createApi(config: ApiConfig): Call {
  return async <T>(fn: string, body: Record<string, unknown>): Promise<T> => {
    const response = await fetch(`${config.url}/functions/v1/${fn}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${config.key}`,
        apikey: config.key,
      },
      body: JSON.stringify(body),
    });
    const envelope = (await response.json().catch(() => null)) as {
      ok?: boolean;
      result?: T;
      error?: { code?: string; message?: string };
    } | null;
    if (!envelope?.ok) {
      throw new ApiError(
        envelope?.error?.code ?? `http_${response.status}`,
        envelope?.error?.message ?? response.statusText,
      );
    }
    return envelope.result as T;
  };
}
