import { formatEnv, formatPretty } from './banner.ts';
import { embeddedDatabaseUrl, readConfig, StackError } from './config.ts';
import { readKeys } from './keys.ts';

/** `npm run status [-- -o env]`: the URLs and keys of the local stack, from the same environment. */
function main(argv: string[]): void {
  const format = outputFormat(argv);
  const config = readConfig();
  const keys = readKeys(config.dataDir);
  if (!keys) throw new StackError(`no keys in ${config.dataDir}; run \`npm start\` first`);
  const endpoints = {
    apiUrl: `http://127.0.0.1:${config.apiPort}`,
    dbUrl: config.databaseUrl ?? embeddedDatabaseUrl(config.embeddedDbPort),
    keys,
  };
  console.log(format === 'env' ? formatEnv(endpoints) : formatPretty(endpoints));
}

function outputFormat(argv: string[]): 'env' | 'pretty' {
  const i = argv.findIndex((a) => a === '-o' || a === '--output');
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--output='))?.slice(9);
  if (value === undefined) return 'pretty';
  if (value === 'env' || value === 'pretty') return value;
  throw new StackError(`unknown output format "${value}"; use -o env or -o pretty`);
}

try {
  main(process.argv.slice(2));
} catch (err) {
  console.error(`rollgate: ${err instanceof StackError ? err.message : String(err)}`);
  process.exit(1);
}
