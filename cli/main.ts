import { run } from './cli.ts';

// The process ends with the command's exit code; `start` (null) keeps serving until a signal.
const code = await run(process.argv.slice(2));
if (code !== null) process.exit(code);
