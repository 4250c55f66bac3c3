import { Validator } from '@seriousme/openapi-schema-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiDocInRepo, apiMarkdown } from '../../scripts/api-doc.ts';
import { CONTRACTS } from '../../shared/contracts/index.ts';
import { FUNCTION_NAMES } from '../../shared/function-names.ts';
import { startTestApi, type TestApi } from '../support/test-api.ts';
import { createTestDatabase } from '../support/test-database.ts';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi(await createTestDatabase());
});

async function fetchDocument(path: string) {
  const response = await fetch(`${api.url}/functions/v1/${path}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  return response.json();
}

// biome-ignore lint/suspicious/noExplicitAny: a parsed JSON document, read by path below
async function validate(document: any) {
  const result = await new Validator().validate(structuredClone(document));
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
}

describe('the OpenAPI document', () => {
  it('of the whole stack is valid OpenAPI 3.1 with one path per function', async () => {
    const document = await fetchDocument('openapi.json');
    await validate(document);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(FUNCTION_NAMES.map((fn) => `/${fn}`));
    expect(Object.keys(document.components.securitySchemes)).toEqual(['apikey', 'bearer']);
  });

  it.each(FUNCTION_NAMES)('of %s is served by the function and is valid', async (fn) => {
    const document = await fetchDocument(`${fn}/openapi.json`);
    await validate(document);
    const body = document.paths[`/${fn}`].post.requestBody.content['application/json'].schema;
    // One request schema per action, told apart by `action`, with its result in the envelope.
    expect(Object.keys(body.discriminator.mapping)).toEqual(CONTRACTS[fn].map((c) => c.name));
    for (const c of CONTRACTS[fn]) {
      const request = document.components.schemas[`${fn}.${c.name}.request`];
      expect(request.properties.action).toEqual({ type: 'string', const: c.name });
      expect(request['x-rollgate-access']).toBe(c.access);
      expect(document.components.schemas[`${fn}.${c.name}.result`]).toBeDefined();
    }
    const failure = document.paths[`/${fn}`].post.responses.default.content['application/json'];
    expect(failure.schema).toEqual({ $ref: '#/components/schemas/Error' });
  });

  it('is rendered in docs/api.md (regenerate with `npm run docs:api`)', () => {
    expect(apiDocInRepo()).toBe(apiMarkdown());
  });
});
