import { AppError } from '../../../shared/app-error.ts';

/** What a request presents: `Authorization: Bearer <token>` and the `apikey` header. */
export interface Credentials {
  token: string | null;
  apikey: string | null;
}

/**
 * Reads the credentials Supabase clients send. The bearer token wins over `apikey`; an
 * `sb_…` key in the Authorization header is an API key (scripts send `Bearer <key>`).
 */
export function credentialsFrom(headers: Headers): Credentials {
  const authorization = headers.get('authorization');
  const apikey = headers.get('apikey')?.trim() || null;
  if (!authorization) return { token: null, apikey };
  const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
  if (!match?.[1])
    throw new AppError(401, 'unauthorized', 'Authorization header must be "Bearer <token>"');
  return { token: match[1], apikey };
}

export function isJwt(value: string): boolean {
  return value.split('.').length === 3 && !isApiKey(value);
}

export function isApiKey(value: string): boolean {
  return value.startsWith('sb_publishable_') || value.startsWith('sb_secret_');
}
