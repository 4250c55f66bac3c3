import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type MiddlewareHandler } from 'hono';
import { rollgateOpenApi } from '../shared/contracts/index.ts';
import { failure } from '../shared/envelope.ts';
import { FUNCTION_NAMES } from '../shared/function-names.ts';
import type { FunctionDeps } from '../supabase/functions/_shared/app.ts';
import { createFunctionApps } from './functions.ts';
import { PROJECT_ROOT } from './paths.ts';

const PREFIX = '/functions/v1';
/** The dashboard's static files, as `npm run build:dashboard` leaves them. */
export const DASHBOARD_DIR = join(PROJECT_ROOT, 'dashboard', 'dist');

/**
 * The local API gateway: `/functions/v1/<name>/…` is handed to that function's app with the
 * prefix removed, exactly the URL a hosted Edge Function sees.
 */
export function createGateway(deps: FunctionDeps): Hono {
  const apps = createFunctionApps(deps);
  const gateway = new Hono();
  // All five functions' contracts in one OpenAPI document; each function serves its own too.
  let document: ReturnType<typeof rollgateOpenApi> | undefined;
  gateway.get(`${PREFIX}/openapi.json`, (c) => {
    document ??= rollgateOpenApi();
    return c.json(document);
  });
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
  serveDashboard(gateway, deps);
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

/**
 * The dashboard at `/`: static files (hosted functions serve no HTML, so the same files deploy to
 * any static host), plus `/config.json` telling the page the API URL and the anon key, which is
 * public by design (it only reads what anon may read).
 */
function serveDashboard(gateway: Hono, deps: FunctionDeps) {
  gateway.get('/config.json', (c, next) => {
    const url = deps.env('SUPABASE_URL');
    const anonKey = deps.env('SUPABASE_ANON_KEY');
    if (!url || !anonKey) return next();
    c.header('cache-control', 'no-store');
    return c.json({ url, anon_key: anonKey });
  });
  let files: MiddlewareHandler | undefined;
  gateway.get('*', (c, next) => {
    // Checked per request: a build after the stack started is served without a restart.
    if (!existsSync(join(DASHBOARD_DIR, 'index.html'))) return next();
    files ??= serveStatic({ root: DASHBOARD_DIR });
    return files(c, next);
  });
  gateway.get('/', (c) =>
    c.json(
      failure({
        code: 'not_found',
        message: 'the dashboard is not built; run `npm run build:dashboard`',
      }),
      404,
    ),
  );
}
