import type { z } from 'zod';
import type { Contract, Encodable } from '../../../shared/contracts/contract.ts';
import type { Logger } from '../../../shared/log.ts';
import type { Grant } from '../../../shared/model/grant.ts';
import type { Role } from '../../../shared/roles.ts';
import type { Pool } from '../../../shared/sql/client.ts';

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
  sql: Pool;
  caller: Caller | null;
  log: Logger;
  functionName: string;
  request: Request;
  env: (key: string) => string | undefined;
}

export type { Access } from '../../../shared/contracts/contract.ts';

/** An action: its contract and the handler bound to it. */
export interface ActionDef<
  Name extends string = string,
  Input extends z.ZodRawShape = z.ZodRawShape,
  Response extends z.ZodType = z.ZodType,
> extends Contract<Name, Input, Response> {
  // Method syntax on purpose: a registry holds actions with different inputs (bivariance).
  handler(
    input: z.infer<z.ZodObject<Input>>,
    ctx: ActionContext,
  ): Promise<Encodable<z.infer<Response>>>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry is heterogeneous by nature
export type AnyAction = ActionDef<string, any, z.ZodType>;

/**
 * Binds a handler to its contract: the handler gets the validated request, and tsc checks what it
 * returns against the contract's response schema.
 */
export function defineAction<
  Name extends string,
  Input extends z.ZodRawShape,
  Response extends z.ZodType,
>(
  contract: Contract<Name, Input, Response>,
  handler: (
    input: z.infer<z.ZodObject<Input>>,
    ctx: ActionContext,
  ) => Promise<Encodable<z.infer<Response>>>,
): ActionDef<Name, Input, Response> {
  return { ...contract, handler };
}
