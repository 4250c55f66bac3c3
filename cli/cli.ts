import { parseArgs } from 'node:util';
import { SetupError } from '../shared/setup/extensions.ts';
import { StackError } from '../stack/config.ts';
import { type Api, createApi } from './client.ts';
import { type Command, GLOBAL_OPTIONS, type Values } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { resolveConnection } from './connection.ts';
import { ApiError, EXIT, UsageError } from './errors.ts';
import { createOutput } from './output.ts';
import { commandHelp, usage } from './usage.ts';

/** Global options that take a value: their value is not a command word. */
const VALUE_OPTIONS = new Set(['--url', '--key']);

/**
 * `rollgate <words…> [options]`: the leading words pick the command (the longest match), the
 * words after it are its positionals; options may come anywhere. Answers the exit code, or null
 * for a command that keeps running.
 */
export async function run(argv: string[]): Promise<number | null> {
  const wantsJson = argv.includes('--json');
  const out = createOutput(wantsJson);
  try {
    const { words, rest } = splitWords(argv);
    const command = findCommand(words);
    if (!command) {
      const help = rest.includes('--help') || rest.includes('-h') || words[0] === 'help';
      if (words.length === 0 || help) {
        (help ? out.line : out.error)(usage(COMMANDS));
        return help ? EXIT.ok : EXIT.usage;
      }
      throw new UsageError(`unknown command "${words.join(' ')}"`);
    }
    const parsed = parse(command, rest);
    if (parsed.values.help) {
      out.line(commandHelp(command));
      return EXIT.ok;
    }
    const positionals = [...words.slice(command.path.length), ...parsed.positionals];
    const required = command.positionals?.length ?? 0;
    const optional = command.optionalPositionals?.length ?? 0;
    if (positionals.length < required || positionals.length > required + optional) {
      throw new UsageError(`usage: rollgate ${command.path.join(' ')} ${command.usage}`);
    }
    let api: Api | undefined;
    const ctx = {
      values: parsed.values,
      positionals,
      out: createOutput(parsed.values.json === true),
      api: () => {
        api ??= createApi(
          resolveConnection({
            url: parsed.values.url as string | undefined,
            key: parsed.values.key as string | undefined,
          }),
        );
        return api;
      },
    };
    return await command.run(ctx);
  } catch (err) {
    return report(err, out);
  }
}

function splitWords(argv: string[]): { words: string[]; rest: string[] } {
  const words: string[] = [];
  const rest: string[] = [];
  let i = 0;
  // Global options before the command (`rollgate --json dora`).
  while (i < argv.length && (argv[i] as string).startsWith('-')) {
    const arg = argv[i] as string;
    rest.push(arg);
    if (VALUE_OPTIONS.has(arg) && i + 1 < argv.length) rest.push(argv[++i] as string);
    i++;
  }
  while (i < argv.length && !(argv[i] as string).startsWith('-')) words.push(argv[i++] as string);
  rest.push(...argv.slice(i));
  return { words, rest };
}

function findCommand(words: string[]): Command | undefined {
  return [...COMMANDS]
    .sort((a, b) => b.path.length - a.path.length)
    .find((c) => c.path.every((w, i) => words[i] === w));
}

function parse(command: Command, args: string[]) {
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { ...GLOBAL_OPTIONS, ...command.options },
      strict: true,
      allowPositionals: true,
    });
    return { values: values as Values, positionals };
  } catch (err) {
    // parseArgs' messages name the option and what is wrong with it; the stack is noise.
    throw new UsageError((err as Error).message);
  }
}

/** One readable line on stderr, never a stack trace; the exit code says what kind of failure. */
function report(err: unknown, out: ReturnType<typeof createOutput>): number {
  if (err instanceof UsageError) {
    out.error(`rollgate: ${err.message}`);
    out.error('run `rollgate --help` for the commands and their options');
    return EXIT.usage;
  }
  if (err instanceof ApiError) {
    out.error(`rollgate: ${err.code}: ${err.message}`);
    return EXIT.failed;
  }
  if (err instanceof StackError || err instanceof SetupError) {
    out.error(`rollgate: ${err.message}`);
    return EXIT.failed;
  }
  const message = err instanceof Error ? err.message : String(err);
  out.error(`rollgate: internal_error: ${message}`);
  if (process.env.ROLLGATE_DEBUG) out.error(String((err as Error)?.stack));
  return EXIT.failed;
}
