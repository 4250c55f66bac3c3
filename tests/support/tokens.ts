import { SignJWT } from 'jose';
import { uuidFrom } from '../../stack/keys.ts';
import { TEST_JWT_SECRET } from './test-api.ts';

/** A JWT as Supabase Auth would issue it; override anything to make it bad in one way. */
export function signToken(
  claims: Record<string, unknown>,
  options: { secret?: string; expiresInSeconds?: number; issuer?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(now - 10)
    .setExpirationTime(now + (options.expiresInSeconds ?? 3600));
  if (options.issuer) jwt.setIssuer(options.issuer);
  return jwt.sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
}

export function userToken(sub = '00000000-0000-4000-8000-000000000001'): Promise<string> {
  return signToken({ role: 'authenticated', sub, aud: 'authenticated' });
}

/**
 * A signed-in user who holds Rollgate roles (in app_metadata, as the Auth admin API sets them):
 * an operator, where a test is about what operators may do rather than about who they are.
 */
export function operatorToken(
  roles: readonly string[] = ['admin'],
  sub = '00000000-0000-4000-8000-0000000000c1',
): Promise<string> {
  return signToken({
    role: 'authenticated',
    sub,
    aud: 'authenticated',
    app_metadata: { rollgate_roles: roles },
  });
}

/** A person (one stable id per e-mail) holding Rollgate roles, as the test API verifies them. */
export function personToken(email: string, roles: readonly string[]): Promise<string> {
  return signToken({
    role: 'authenticated',
    sub: uuidFrom(email),
    aud: 'authenticated',
    email,
    app_metadata: { rollgate_roles: roles },
  });
}

/** Bob, who approves: four-eyes needs a second person, and no key approves. */
export function approverToken(): Promise<string> {
  return personToken('bob@example.com', ['approver']);
}
