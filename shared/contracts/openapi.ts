import { z } from 'zod';
import type { AnyContract } from './contract.ts';

type JsonSchema = Record<string, unknown>;

/** The one error envelope every function answers a failure with (shared/envelope.ts). */
const ERROR_ENVELOPE: JsonSchema = {
  type: 'object',
  required: ['ok', 'error'],
  properties: {
    ok: { const: false },
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: 'stable, machine-readable: validation_failed, …' },
        message: { type: 'string' },
        details: { description: 'e.g. the validation issues, or the valid actions' },
      },
    },
  },
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  });
  return rest;
}

const componentName = (fn: string, action: string, part: 'request' | 'result') =>
  `${fn}.${action}.${part}`;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function operation(fn: string, contracts: readonly AnyContract[]) {
  const requests = contracts.map((c) => ref(componentName(fn, c.name, 'request')));
  const results = contracts.map((c) => ({
    type: 'object',
    required: ['ok', 'result'],
    properties: { ok: { const: true }, result: ref(componentName(fn, c.name, 'result')) },
  }));
  return {
    post: {
      operationId: fn.replace(/-(\w)/g, (_, c: string) => c.toUpperCase()),
      summary: `Call one action of ${fn}`,
      description: contracts.map((c) => `- \`${c.name}\` (${c.access}): ${c.summary}`).join('\n'),
      security: [{ apikey: [] }, { bearer: [] }, {}],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              oneOf: requests,
              discriminator: {
                propertyName: 'action',
                mapping: Object.fromEntries(
                  contracts.map((c) => [
                    c.name,
                    `#/components/schemas/${componentName(fn, c.name, 'request')}`,
                  ]),
                ),
              },
            },
          },
        },
      },
      responses: {
        '200': {
          description: 'The action’s result, in the success envelope',
          content: { 'application/json': { schema: { oneOf: results } } },
        },
        default: {
          description: 'A failure: 4xx for the caller’s mistake, 5xx for Rollgate’s',
          content: { 'application/json': { schema: ref('Error') } },
        },
      },
    },
  };
}

/**
 * The OpenAPI 3.1 document of the given functions, built from their contracts at runtime (a
 * deployed function has only its .ts files): one path per function, the request a oneOf over its
 * actions discriminated by `action`, each result in the `{ok: true, result}` envelope.
 */
export function openApiDocument(
  functions: ReadonlyArray<{ name: string; contracts: readonly AnyContract[] }>,
  serverUrl = '/functions/v1',
) {
  const schemas: Record<string, JsonSchema> = { Error: ERROR_ENVELOPE };
  const paths: Record<string, unknown> = {};
  for (const { name: fn, contracts } of functions) {
    for (const c of contracts) {
      schemas[componentName(fn, c.name, 'request')] = {
        ...jsonSchema(c.request, 'input'),
        description: c.summary,
        'x-rollgate-access': c.access,
      };
      schemas[componentName(fn, c.name, 'result')] = jsonSchema(c.response, 'output');
    }
    paths[`/${fn}`] = operation(fn, contracts);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rollgate',
      version: '1',
      description:
        'Each function answers `POST /functions/v1/<function>` with a JSON body naming an `action`.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        apikey: {
          type: 'apiKey',
          in: 'header',
          name: 'apikey',
          description: 'A publishable or secret key',
        },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A user’s JWT, or a key',
        },
      },
    },
  };
}
