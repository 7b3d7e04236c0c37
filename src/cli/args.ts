// Argument parsing shared by every command: node's `util.parseArgs`, with its errors (unknown
// option, missing value, …) turned into UsageError with our own wording, so the dispatcher prints
// one clear line and the usage and exits 2. Also the option declarations several commands share.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type CliIO } from './command.js';
import { readLines, type ReadLinesOptions } from './io.js';

export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError(argsMessage(e as Error & { code?: string }, config));
  }
}

/** Our message for a `parseArgs` error (its own wording differs between Node versions). */
function argsMessage(e: Error & { code?: string }, config: ParseArgsConfig): string {
  const quoted = /'([^']*)'/.exec(e.message)?.[1] ?? '';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const opts = config.options ?? {};
      if (quoted === '-t' && 'threads' in opts && !('tokenizer' in opts)) return "unknown option '-t' (-t is --tokenizer in mbbpe; give threads as -j N or --threads N)";
      const tip = config.allowPositionals ? ` (a TEXT starting with '-' goes after '--', as in: -- '${quoted}')` : '';
      return `unknown option '${quoted}'${tip}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const long = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
      return /does not take/.test(e.message) ? `${long} takes no value` : `${long} needs a value`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${quoted}' (this command takes only options)`;
    default:
      return e.message;
  }
}

/** `--tokenizer` and `--input`, as the commands that encode or decode declare them. */
export const TOKENIZER_INPUT_OPTIONS = {
  tokenizer: { type: 'string', short: 't' },
  input: { type: 'string', short: 'i' },
} as const;

/** `-j, --threads N` (as make's -j): `-t` is `--tokenizer` in every command. */
export const THREADS_OPTION = { threads: { type: 'string', short: 'j' } } as const;

/** `-q, --quiet`: no progress and no summary on stderr. */
export const QUIET_OPTION = { quiet: { type: 'boolean', short: 'q', default: false } } as const;

/**
 * The texts of a command that takes one TEXT argument or the lines of `--input` (default stdin).
 * Checked now, so a usage error comes before the tokenizer is loaded.
 */
export function textsOf(positionals: readonly string[], input: string | undefined, io: CliIO, o: ReadLinesOptions = {}): AsyncIterable<string> | readonly string[] {
  if (positionals.length > 1) throw new UsageError('give at most one TEXT (quote it)');
  if (positionals.length === 1 && input !== undefined) throw new UsageError('give TEXT or --input, not both');
  return positionals.length === 1 ? [positionals[0]!] : readLines(input ?? '-', io, o);
}
