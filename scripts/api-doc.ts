import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CONTRACTS } from '../shared/contracts/index.ts';
import { FUNCTION_NAMES } from '../shared/function-names.ts';

export const API_DOC = join(import.meta.dirname, '..', 'docs', 'api.md');

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  default?: unknown;
  description?: string;
};

/** A JSON Schema in a few words: `string`, `number[]`, `"a" \| "b"`, `object`. */
function typeOf(s: Schema): string {
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' \\| ');
  const union = s.anyOf ?? s.oneOf;
  if (union) return [...new Set(union.map(typeOf))].join(' \\| ');
  if (s.type === 'array') return `${s.items ? typeOf(s.items) : 'unknown'}[]`;
  if (Array.isArray(s.type)) return s.type.join(' \\| ');
  return s.type ?? 'any';
}

function fieldRows(schema: Schema, skip: string[] = []): string[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .filter(([name]) => !skip.includes(name))
    .map(([name, s]) => {
      const notes = [
        required.has(name) ? 'required' : 'optional',
        ...(s.default === undefined ? [] : [`default ${JSON.stringify(s.default)}`]),
      ];
      return `| \`${name}\` | ${typeOf(s).replace(/\n/g, ' ')} | ${notes.join(', ')} |`;
    });
}

function fields(title: string, schema: Schema, skip: string[] = []): string[] {
  const rows = fieldRows(schema, skip);
  if (rows.length === 0) return [`${title}: none.`, ''];
  return [`${title}:`, '', '| field | type | |', '| --- | --- | --- |', ...rows, ''];
}

/** docs/api.md: every function's actions, who may call them, their request and result fields. */
export function apiMarkdown(): string {
  const lines = [
    '# API reference',
    '',
    '<!-- Generated from shared/contracts by `npm run docs:api`; tests/functions/openapi.test.ts checks it is current. -->',
    '',
    'Every function answers `POST /functions/v1/<function>` with a JSON body naming an `action`,',
    'and `{"ok": true, "result": …}` or `{"ok": false, "error": {"code", "message", "details"?}}`.',
    'The OpenAPI 3.1 document is served by each function at `GET /functions/v1/<function>/openapi.json`',
    'and, for all five, by the local stack at `GET /functions/v1/openapi.json`.',
    '',
    'From TypeScript, `shared/client/client.ts` is the typed client the CLI, the dashboard, the tests',
    'and the benches use: Web standards only (fetch), so it runs in the browser, Node and Deno',
    '(tests/deno/client.test.ts runs it under Deno with no config and no npm); the contracts give',
    'each call its request and result types, and anything but `ok: true` raises one `ApiError`',
    '(`code`, `message`, `status`, `details`).',
    '',
    '```ts',
    "import { createRollgateClient } from './shared/client/client.ts';",
    '',
    'const rollgate = createRollgateClient({',
    "  url: 'http://127.0.0.1:54321', // the project URL",
    '  credentials: { bearer: secretKey, apikey: secretKey },',
    '});',
    "const status = await rollgate.call('deploy-orchestrator', {",
    "  action: 'get_status',",
    '  deployment_id,',
    '});',
    'status.status; // typed from the contract: "pending_approval" | "progressing" | … | "failed"',
    '```',
    '',
  ];
  for (const fn of FUNCTION_NAMES) {
    lines.push(`## ${fn}`, '');
    for (const c of CONTRACTS[fn]) {
      const request = z.toJSONSchema(c.request, { io: 'input', unrepresentable: 'any' }) as Schema;
      const result = z.toJSONSchema(c.response, { io: 'output', unrepresentable: 'any' }) as Schema;
      lines.push(`### \`${c.name}\``, '', `${c.summary} Needs \`${c.access}\`.`, '');
      lines.push(...fields('Request', request, ['action']));
      lines.push(
        ...(result.properties ? fields('Result', result) : [`Result: ${typeOf(result)}.`, '']),
      );
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

if (process.argv[1]?.endsWith('api-doc.ts')) {
  writeFileSync(API_DOC, apiMarkdown());
  console.log(`API reference written to ${API_DOC}`);
}

export const apiDocInRepo = () => readFileSync(API_DOC, 'utf8');
