import { z } from 'zod';
import type { Grant, Permission } from '../../../shared/access/permissions.ts';
import type { Role } from '../../../shared/roles.ts';
import type { Sql } from './db.ts';
import type { Logger } from './log.ts';

/** Who is calling, as its credential proves it (`null`: no credential, e.g. a bare health check). */
export interface Caller {
  /** The Supabase role the credential carries: a secret key or service_role JWT is service_role. */
  role: Role;
  /** Stable and unique: `user:<sub>`, `key:<secret key name>`, `service_role` (legacy), `anon`. */
  identity: string;
  /** For people reading the audit: the user's e-mail (else id) or the key's name. */
  label: string;
  subject: string | null;
  claims: Record<string, unknown>;
  /** A user's Rollgate roles (table and app_metadata), filled in when the caller is authorized. */
  grants?: readonly Grant[];
  /** Set for an ingest key: what it may send, and for which environment (`*`: any). */
  ingest?: { scope: 'telemetry' | 'errors'; environment: string };
}

/** What every handler gets besides its validated input. */
export interface ActionContext {
  sql: Sql;
  caller: Caller | null;
  log: Logger;
  functionName: string;
  request: Request;
  env: (key: string) => string | undefined;
}

/**
 * What an action needs (shared/access/permissions.ts): `public` needs no credential; `read` the
 * publishable key or better; `view`, `deploy`, `approve`, `ingest`, `admin` a Rollgate role
 * granted to the user (secret keys hold every permission); `service` a secret key.
 */
export type Access = 'public' | Permission;

export interface ActionDef<
  Name extends string = string,
  Input extends z.ZodRawShape = z.ZodRawShape,
> {
  name: Name;
  summary: string;
  access: Access;
  /** The request schema including the `action` literal: one member of the function's union. */
  schema: z.ZodObject<Input & { action: z.ZodLiteral<Name> }>;
  // Method syntax on purpose: a registry holds actions with different inputs (bivariance).
  handler(input: z.infer<z.ZodObject<Input>>, ctx: ActionContext): Promise<unknown>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry is heterogeneous by nature
export type AnyAction = ActionDef<string, any>;

/** Declares one action: its name, who may call it, its input shape and its handler. */
export function defineAction<Name extends string, Input extends z.ZodRawShape>(def: {
  name: Name;
  summary: string;
  access: Access;
  input: Input;
  handler: (input: z.infer<z.ZodObject<Input>>, ctx: ActionContext) => Promise<unknown>;
}): ActionDef<Name, Input> {
  const schema = z.object({ ...def.input, action: z.literal(def.name) }) as z.ZodObject<
    Input & { action: z.ZodLiteral<Name> }
  >;
  return { name: def.name, summary: def.summary, access: def.access, schema, handler: def.handler };
}
