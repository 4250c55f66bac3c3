import { z } from 'zod';
import type { Attributes } from './model.ts';

/**
 * The OTLP/JSON encoding (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding):
 * lowerCamelCase keys, 64-bit integers as decimal strings or numbers, enums as integers (their
 * names accepted too), trace and span ids as hex, unknown fields ignored.
 */
export const int64 = z
  .union([z.number().int(), z.string().regex(/^-?\d{1,20}$/, 'an integer')])
  .transform((v) => BigInt(v));

/** An unsigned 64-bit count, as a JS number (exact below 2^53). */
export const count = z
  .union([z.number().int().min(0), z.string().regex(/^\d{1,20}$/, 'a non-negative integer')])
  .transform(Number);

/** A double; proto3 JSON writes the non-finite ones as strings. */
export const double = z
  .union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])])
  .transform((v) => Number(v));

/** An enum: its number, or its name from `names` (index = number). */
export const protoEnum = (names: readonly string[]) =>
  z
    .union([z.number().int().min(0), z.enum(names as [string, ...string[]])])
    .transform((v) => (typeof v === 'number' ? v : names.indexOf(v)));

interface JsonKeyValue {
  key: string;
  value?: unknown;
}

export const anyValue: z.ZodType<unknown> = z.lazy(() =>
  z
    .object({
      stringValue: z.string().optional(),
      boolValue: z.boolean().optional(),
      intValue: int64.optional(),
      doubleValue: double.optional(),
      arrayValue: z.object({ values: z.array(anyValue).default([]) }).optional(),
      kvlistValue: z.object({ values: z.array(keyValue).default([]) }).optional(),
      bytesValue: z.string().optional(),
    })
    .transform((v) => {
      if (v.stringValue !== undefined) return v.stringValue;
      if (v.boolValue !== undefined) return v.boolValue;
      if (v.intValue !== undefined) return Number(v.intValue);
      if (v.doubleValue !== undefined) return v.doubleValue;
      if (v.arrayValue) return v.arrayValue.values;
      if (v.kvlistValue) return toAttributes(v.kvlistValue.values as JsonKeyValue[]);
      return v.bytesValue ?? null;
    }),
);

const keyValue: z.ZodType<JsonKeyValue> = z.object({
  key: z.string(),
  value: anyValue.optional(),
});

function toAttributes(list: readonly JsonKeyValue[]): Attributes {
  const out: Attributes = {};
  for (const kv of list) if (kv.key) out[kv.key] = kv.value ?? null;
  return out;
}

export const attributes = z.array(keyValue).default([]).transform(toAttributes);

export const resource = z
  .object({ attributes })
  .optional()
  .transform((r): Attributes => r?.attributes ?? {});
