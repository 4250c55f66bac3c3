import { Hono } from 'hono';
import { failure } from '../shared/envelope.ts';
import { FUNCTION_NAMES } from '../shared/function-names.ts';
import type { FunctionDeps } from '../supabase/functions/_shared/app.ts';
import { createFunctionApps } from './functions.ts';

const PREFIX = '/functions/v1';

/**
 * The local API gateway: `/functions/v1/<name>/…` is handed to that function's app with the
 * prefix removed, exactly the URL a hosted Edge Function sees.
 */
export function createGateway(deps: FunctionDeps): Hono {
  const apps = createFunctionApps(deps);
  const gateway = new Hono();
  for (const name of FUNCTION_NAMES) {
    const app = apps[name];
    const forward = (request: Request) => {
      const url = new URL(request.url);
      url.pathname = url.pathname.slice(PREFIX.length);
      return app.fetch(new Request(url, request));
    };
    gateway.all(`${PREFIX}/${name}`, (c) => forward(c.req.raw));
    gateway.all(`${PREFIX}/${name}/*`, (c) => forward(c.req.raw));
  }
  gateway.notFound((c) =>
    c.json(
      failure({
        code: 'not_found',
        message: `no function at ${c.req.path}`,
        details: { functions: FUNCTION_NAMES },
      }),
      404,
    ),
  );
  return gateway;
}
