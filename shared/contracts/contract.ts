import { z } from 'zod';
import type { Permission } from '../access/permissions.ts';

/**
 * What an action needs (shared/access/permissions.ts): `public` needs no credential; `read` the
 * publishable key or better; `view`, `deploy`, `approve`, `ingest`, `admin` a Rollgate role
 * granted to the user (secret keys hold every permission); `service` a secret key.
 */
export type Access = 'public' | Permission;

/**
 * One action's contract: its name, who may call it, the request it accepts and the result it
 * answers with (inside the `{ok: true, result}` envelope). Handlers are bound to it, the CLI
 * validates with it, the OpenAPI document and the typed client are generated from it.
 */
export interface Contract<
  Name extends string = string,
  Input extends z.ZodRawShape = z.ZodRawShape,
  Response extends z.ZodType = z.ZodType,
> {
  name: Name;
  summary: string;
  access: Access;
  /** The request schema including the `action` literal: one member of the function's union. */
  request: z.ZodObject<Input & { action: z.ZodLiteral<Name> }>;
  /** The `result` of a successful answer, as it is on the wire (timestamps as ISO strings). */
  response: Response;
}

// biome-ignore lint/suspicious/noExplicitAny: a function's list of contracts is heterogeneous
export type AnyContract = Contract<string, any, z.ZodType>;

/** Declares one action's contract. */
export function contract<
  Name extends string,
  Input extends z.ZodRawShape,
  Response extends z.ZodType,
>(def: {
  name: Name;
  summary: string;
  access: Access;
  input: Input;
  response: Response;
}): Contract<Name, Input, Response> {
  const request = z.object({ ...def.input, action: z.literal(def.name) }) as z.ZodObject<
    Input & { action: z.ZodLiteral<Name> }
  >;
  return {
    name: def.name,
    summary: def.summary,
    access: def.access,
    request,
    response: def.response,
  };
}

/** A contract's request without its `action` literal: what a handler receives. */
export type RequestOf<C> =
  C extends Contract<string, infer Input, z.ZodType> ? z.infer<z.ZodObject<Input>> : never;

/** A contract's result as it is on the wire. */
export type ResponseOf<C> =
  C extends Contract<string, z.ZodRawShape, infer Response> ? z.infer<Response> : never;

/**
 * What a handler may return for a wire type `T`: the same, except that a string may still be a
 * `Date` (a timestamp column), which JSON turns into its ISO string.
 */
export type Encodable<T> = T extends string
  ? string extends T
    ? string | Date
    : T
  : T extends readonly (infer U)[]
    ? readonly Encodable<U>[]
    : T extends object
      ? { [K in keyof T]: Encodable<T[K]> }
      : T;
