import { formatPretty } from './banner.ts';
import { readConfig, StackError } from './config.ts';
import { startStack } from './stack.ts';

/**
 * `npm start`: runs the local stack until SIGINT/SIGTERM, then stops everything it started.
 * Any start-up failure is one line on stderr and exit code 1.
 */
async function main(): Promise<void> {
  const started = Date.now();
  const config = readConfig();
  const stack = await startStack(config);
  console.log(`Rollgate local stack started in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
  console.log(formatPretty(stack));
  console.log('\nPress Ctrl+C to stop.');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\nReceived ${signal}; stopping…`);
    await stack.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  const message =
    err instanceof StackError
      ? err.message
      : `unexpected failure: ${(err as Error)?.stack ?? String(err)}`;
  console.error(`rollgate: ${message}`);
  process.exit(1);
});
