import type { ParseArgsConfig } from 'node:util';
import type { Api } from './client.ts';
import type { Output } from './output.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | undefined>;

export interface CommandContext {
  values: Values;
  positionals: string[];
  /** The API client, created on first use (start and status need none). */
  api(): Api;
  out: Output;
}

/** One command: its words (`['deploy', 'start']`), its options, and what it does. */
export interface Command {
  path: readonly string[];
  /** Arguments after the words, e.g. `<deployment-id>`, and the options, for the help text. */
  usage: string;
  summary: string;
  options?: Options;
  /** Names of the positionals it needs, in order (all required). */
  positionals?: readonly string[];
  /** Positionals it may take after those. */
  optionalPositionals?: readonly string[];
  /** The exit code, or null for a command that keeps running (start). */
  run(ctx: CommandContext): Promise<number | null>;
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS: Options = {
  url: { type: 'string' },
  key: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

export const str = (v: Values[string]): string | undefined =>
  typeof v === 'string' ? v : undefined;

/** A numeric option as a number (NaN when not one: the action's schema then says what is wrong). */
export const num = (v: Values[string]): number | undefined =>
  typeof v === 'string' ? (v.trim() === '' ? Number.NaN : Number(v)) : undefined;

/** Drops undefined fields, so an absent option means "the action's default". */
export function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
