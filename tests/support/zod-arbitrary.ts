import fc from 'fast-check';
import type { z } from 'zod';

/**
 * fast-check arbitraries read from an action's zod schema (zod 4's `_zod.def`), so property tests
 * follow the registry as it grows. `validFor` aims at values the schema accepts (refinements it
 * cannot see may still reject some: the schema's own `safeParse` is the judge); `brokenFor` breaks
 * one place of an otherwise valid value. URLs always point at a closed loopback port: whatever a
 * handler does with them, no traffic leaves the machine.
 */

interface Def {
  type: string;
  checks?: Array<{ _zod: { def: Record<string, unknown> } }>;
  format?: string;
  pattern?: RegExp;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  in?: z.ZodType;
}

const defOf = (schema: z.ZodType) => schema._zod.def as Def;
const checksOf = (def: Def) => (def.checks ?? []).map((c) => c._zod.def);

export const LOOPBACK_URL = 'http://127.0.0.1:9';

/** Values of the wrong kind for nearly any field: the payloads a fuzzing client sends. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', '\u0000', 'null', '💥'.repeat(50), "'; drop table deployments; --"),
  fc.constant('x'.repeat(200_000)),
  fc.integer(),
  fc.constantFrom(1e308, -1e308, 2 ** 63, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER + 2, 0.5, -0),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  fc.constant(nested(200)),
);

/** Objects and arrays nested `depth` deep: `{"deeper": [{"deeper": [...]}]}`. */
function nested(depth: number): unknown {
  let value: unknown = null;
  for (let i = 0; i < depth; i++) value = i % 2 ? { deeper: value } : [value];
  return value;
}

export function validFor(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return stringFor(def);
    case 'number':
      return numberFor(def);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'literal':
      return fc.constantFrom(...(def.values ?? [null]));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries ?? {}));
    case 'optional':
    case 'default':
      return fc.option(validFor(def.innerType as z.ZodType), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(validFor(def.innerType as z.ZodType), { nil: null, freq: 3 });
    case 'catch':
    case 'readonly':
      return validFor(def.innerType as z.ZodType);
    case 'pipe':
      return validFor(def.in as z.ZodType);
    case 'array':
      return arrayFor(def);
    case 'object':
      return objectFor(def.shape ?? {});
    case 'record':
      return fc.dictionary(
        validFor(def.keyType as z.ZodType) as fc.Arbitrary<string>,
        validFor(def.valueType as z.ZodType),
        { maxKeys: 3 },
      );
    case 'union':
      return fc.oneof(...(def.options ?? []).map(validFor));
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(def: Def): fc.Arbitrary<string> {
  if (def.format === 'uuid') return fc.uuid();
  if (def.format === 'datetime')
    return fc
      .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
      .map((d) => d.toISOString());
  if (def.format === 'url') return fc.webPath().map((p) => `${LOOPBACK_URL}${p}`);
  if (def.format === 'email') return fc.emailAddress();
  const checks = checksOf(def);
  const min = Number(checks.find((c) => c.check === 'min_length')?.minimum ?? 0);
  const max = Number(checks.find((c) => c.check === 'max_length')?.maximum ?? 64);
  const pattern = checks.find((c) => c.format === 'regex')?.pattern as RegExp | undefined;
  const inLength = (s: string) => s.length >= min && s.length <= max;
  // fast-check cannot invert flags such as `i`; the flagless pattern matches a subset.
  if (pattern) return fc.stringMatching(new RegExp(pattern.source)).filter(inLength);
  const maxLength = Math.min(max, Math.max(min, 40));
  return fc
    .oneof(
      fc.string({ minLength: min, maxLength }),
      fc.string({ unit: 'grapheme', minLength: min, maxLength }),
    )
    .filter(inLength);
}

function numberFor(def: Def): fc.Arbitrary<number> {
  let min = -1e9;
  let max = 1e9;
  let integer = false;
  for (const c of checksOf(def)) {
    if (c.format === 'safeint' || c.format === 'int32') integer = true;
    if (c.check === 'greater_than')
      min = Math.max(min, Number(c.value) + (c.inclusive ? 0 : integer ? 1 : 1e-6));
    if (c.check === 'less_than')
      max = Math.min(max, Number(c.value) - (c.inclusive ? 0 : integer ? 1 : 1e-6));
  }
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function arrayFor(def: Def): fc.Arbitrary<unknown[]> {
  const checks = checksOf(def);
  const minLength = Number(checks.find((c) => c.check === 'min_length')?.minimum ?? 0);
  const max = Number(checks.find((c) => c.check === 'max_length')?.maximum ?? 5);
  return fc.array(validFor(def.element as z.ZodType), {
    minLength,
    maxLength: Math.max(minLength, Math.min(max, 5)),
  });
}

function objectFor(shape: Record<string, z.ZodType>): fc.Arbitrary<Record<string, unknown>> {
  const arbitraries = Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, validFor(s)]));
  return fc
    .record(arbitraries)
    .map((o) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
}

/** A value valid everywhere but one place: a wrong type, a missing field, or junk inside. */
export function brokenFor(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable')
    return brokenFor(def.innerType as z.ZodType, depth);
  if (depth < 3 && def.type === 'object' && def.shape && Object.keys(def.shape).length > 0) {
    const shape = def.shape;
    const keys = Object.keys(shape);
    return fc
      .tuple(objectFor(shape), fc.constantFrom(...keys), fc.nat(2))
      .chain(([base, key, how]) => {
        if (how === 0) {
          const { [key]: _dropped, ...rest } = base;
          return fc.constant(rest);
        }
        const bad = how === 1 ? junk : brokenFor(shape[key] as z.ZodType, depth + 1);
        return bad.map((value) => ({ ...base, [key]: value }));
      });
  }
  if (depth < 3 && def.type === 'array' && def.element) {
    return fc.oneof(
      fc.tuple(arrayFor(def), brokenFor(def.element, depth + 1)).map(([a, b]) => [...a, b]),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
    );
  }
  return junk;
}
