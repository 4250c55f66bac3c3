/**
 * The stand-in of hosted Supabase's API gateway for Edge Functions, with `verify_jwt = false`
 * (what supabase/config.toml declares for every Rollgate function): `/functions/v1/<name>/<rest>`
 * is forwarded untouched — method, headers, body — to the function's own Deno server as
 * `/<name>/<rest>`, the path the Edge Runtime gives a function. The answer comes back as is.
 * An unknown function is the platform's 404. It plays Supabase's platform, not Rollgate.
 */
import { createServer, request, type Server } from 'node:http';

export interface GatewayOptions {
  port: number;
  /** Function name → the port its Deno server listens on (127.0.0.1). */
  functions: Record<string, number>;
}

const ROUTE = /^\/functions\/v1\/([a-z0-9_-]+)(\/[^?]*)?(\?.*)?$/i;

export function startGateway(options: GatewayOptions): Promise<Server> {
  const server = createServer((req, res) => {
    const match = ROUTE.exec(req.url ?? '');
    const name = match?.[1];
    const port = name ? options.functions[name] : undefined;
    if (!name || !port) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'NOT_FOUND', message: 'Requested function was not found' }));
      req.resume();
      return;
    }
    const upstream = request(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: `/${name}${match?.[2] ?? ''}${match?.[3] ?? ''}`,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      // The function's worker is gone: what hosted answers when a function cannot boot.
      if (!res.headersSent) {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ code: 'BOOT_ERROR', message: 'Function failed to start' }));
      } else res.destroy();
    });
    req.pipe(upstream);
  });
  return new Promise((resolveServer, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolveServer(server));
  });
}
