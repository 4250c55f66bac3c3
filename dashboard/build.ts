import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
export const DASHBOARD_DIST = join(HERE, 'dist');

/**
 * Bundles the dashboard into `dashboard/dist`: index.html, style.css and one ES module. The
 * result is plain static files: the local stack serves them at `/`, any static host can too.
 */
export async function buildDashboard(outdir = DASHBOARD_DIST): Promise<void> {
  // Files are overwritten in place, never removed first: a running stack keeps serving a page.
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [join(HERE, 'src', 'main.ts')],
    outfile: join(outdir, 'app.js'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
  });
  for (const file of ['index.html', 'style.css'])
    copyFileSync(join(HERE, file), join(outdir, file));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildDashboard();
  console.log(`dashboard built in ${DASHBOARD_DIST}`);
}
