/**
 * Stages the five functions exactly as `supabase functions deploy` ships them: the real CLI
 * (node_modules/.bin/supabase, `--use-api`, no Docker) deploys to a loopback stand-in of the
 * Management API, which captures each multipart upload (`POST /v1/projects/<ref>/functions/deploy`)
 * and writes its files, at the paths the CLI sent, into `<out>/<slug>/`, with the upload's
 * metadata (entrypoint, import map, verify_jwt) in `<out>/<slug>/metadata.json`. What the CLI
 * does not upload (package.json, node_modules, migrations, …) is therefore absent when Deno serves.
 *
 *   node --import tsx hosted/stage-functions.ts <secrets dir> <out dir> [project dir]
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, normalize, resolve } from 'node:path';
import { FUNCTION_NAMES } from '../shared/function-names.ts';
import { runProcess } from '../stack/run-process.ts';
import { readProject } from './project.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SUPABASE_CLI = join(ROOT, 'node_modules', '.bin', 'supabase');

export interface StagedFunction {
  slug: string;
  entrypoint_path: string;
  import_map_path: string | null;
  verify_jwt: boolean;
  files: string[];
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** A relative path inside the upload; anything else would escape the staging directory. */
function safePath(name: string): string {
  const clean = normalize(name);
  if (isAbsolute(clean) || clean.startsWith('..')) throw new Error(`unsafe upload path ${name}`);
  return clean;
}

async function stage(secretsDir: string, out: string, workdir: string): Promise<StagedFunction[]> {
  const project = readProject(secretsDir);
  const staged = new Map<string, StagedFunction>();
  const unexpected: string[] = [];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    const deploy = url.pathname === `/v1/projects/${project.ref}/functions/deploy`;
    if (req.method === 'POST' && deploy) {
      const slug = url.searchParams.get('slug') ?? '';
      const form = await new Response(new Uint8Array(body), {
        headers: { 'content-type': req.headers['content-type'] ?? '' },
      }).formData();
      const metadata = JSON.parse(String(form.get('metadata'))) as {
        entrypoint_path: string;
        import_map_path?: string;
        verify_jwt?: boolean;
      };
      const files: string[] = [];
      for (const entry of form.getAll('file')) {
        if (typeof entry === 'string') continue;
        const path = safePath(entry.name);
        const target = join(out, slug, path);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, Buffer.from(await entry.arrayBuffer()));
        files.push(path);
      }
      const fn: StagedFunction = {
        slug,
        entrypoint_path: metadata.entrypoint_path,
        import_map_path: metadata.import_map_path ?? null,
        verify_jwt: metadata.verify_jwt ?? true,
        files: files.sort(),
      };
      staged.set(slug, fn);
      writeFileSync(join(out, slug, 'metadata.json'), `${JSON.stringify(fn, null, 2)}\n`);
      json(res, 201, {
        id: randomBytes(16).toString('hex'),
        slug,
        name: slug,
        version: 1,
        status: 'ACTIVE',
        entrypoint_path: metadata.entrypoint_path,
        import_map_path: metadata.import_map_path,
        verify_jwt: fn.verify_jwt,
        created_at: Date.now(),
        updated_at: Date.now(),
      });
      return;
    }
    // After bundling several functions the CLI activates them all in one bulk update.
    if (req.method === 'PUT' && url.pathname === `/v1/projects/${project.ref}/functions`) {
      json(res, 200, { functions: JSON.parse(body.toString() || '[]') });
      return;
    }
    unexpected.push(`${req.method} ${url.pathname}`);
    json(res, 404, { message: 'not part of the stand-in' });
  });
  await new Promise<void>((ok) => server.listen(project.ports.managementApi, '127.0.0.1', ok));

  const home = mkdtempSync(join(tmpdir(), 'rollgate-cli-home-'));
  const profile = join(home, 'profile.json');
  writeFileSync(
    profile,
    JSON.stringify({
      name: 'hosted-parity',
      api_url: `http://127.0.0.1:${project.ports.managementApi}`,
      dashboard_url: `http://127.0.0.1:${project.ports.managementApi}/dashboard`,
      project_host: 'supabase.co',
    }),
  );
  try {
    const args = ['functions', 'deploy', '--use-api', '--project-ref', project.ref];
    const { code, output } = await runProcess(
      SUPABASE_CLI,
      [...args, '--profile', profile, '--workdir', workdir],
      {
        cwd: workdir,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: home,
          SUPABASE_ACCESS_TOKEN: `sbp_${randomBytes(20).toString('hex')}`,
          SUPABASE_TELEMETRY_DISABLED: '1',
          DO_NOT_TRACK: '1',
          NO_COLOR: '1',
        },
      },
    );
    console.log(output.trim());
    if (code !== 0) throw new Error(`supabase ${args.join(' ')} exited with ${code}`);
  } finally {
    server.close();
    rmSync(home, { recursive: true, force: true });
  }
  if (unexpected.length) console.log(`management API calls not captured: ${unexpected.join(', ')}`);
  return check([...staged.values()]);
}

/** The upload must be what hosted serves: the entry, its deno.json, no Node packaging. */
function check(staged: StagedFunction[]): StagedFunction[] {
  const missing = FUNCTION_NAMES.filter((name) => !staged.some((s) => s.slug === name));
  if (missing.length) throw new Error(`the CLI uploaded no ${missing.join(', ')}`);
  for (const fn of staged) {
    const files = new Set(fn.files);
    if (!files.has(fn.entrypoint_path)) throw new Error(`${fn.slug}: entry not uploaded`);
    if (!fn.import_map_path || !files.has(fn.import_map_path))
      throw new Error(`${fn.slug}: no deno.json uploaded`);
    const packaging = fn.files.filter((f) => /(^|\/)(package\.json|node_modules)(\/|$)/.test(f));
    if (packaging.length) throw new Error(`${fn.slug}: uploads ${packaging.join(', ')}`);
  }
  return staged;
}

const [secretsDir, out, workdir = ROOT] = process.argv.slice(2);
if (!secretsDir || !out) {
  console.error('usage: hosted/stage-functions.ts <secrets dir> <out dir> [project dir]');
  process.exit(2);
}
try {
  const staged = await stage(secretsDir, out, resolve(workdir));
  const total = staged.reduce((n, s) => n + s.files.length, 0);
  console.log(
    `staged ${staged.length} functions as supabase functions deploy uploads them (${total} files, deno.json per function, no package.json or node_modules)`,
  );
} catch (err) {
  console.error(`stage-functions: ${(err as Error).message}`);
  process.exit(1);
}
