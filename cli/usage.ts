import type { Command } from './command.ts';

const GLOBAL = `Options for every command:
  --url <url>   the API (default: SUPABASE_URL or API_URL, else the local stack)
  --key <key>   the key (default: SUPABASE_SERVICE_ROLE_KEY, SERVICE_ROLE_KEY, SUPABASE_ANON_KEY,
                ANON_KEY, else the local stack's service_role key)
  --json        machine-readable output (NDJSON events for deploy watch)
  -h, --help    this help, or a command's

Exit codes: 0 success (deploy watch: succeeded), 1 failure (an API error, a rollback or failed
rollout, an unhealthy function, a failing db check, an error-level db lint finding), 2 usage
(db lint: an unreadable file or a bad config).`;

export function usage(commands: readonly Command[]): string {
  const lines = commands.map((c) => `  ${c.path.join(' ').padEnd(18)} ${c.summary}`);
  return `rollgate — the Rollgate command line\n\nUsage: rollgate <command> [options]\n\nCommands:\n${lines.join('\n')}\n\n${GLOBAL}`;
}

export function commandHelp(command: Command): string {
  return `Usage: rollgate ${command.path.join(' ')} ${command.usage}\n\n${command.summary}\n\n${GLOBAL}`;
}
