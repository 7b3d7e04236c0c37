// Argument parsing shared by every command: node's `util.parseArgs`, with its errors (unknown
// option, missing value, …) turned into UsageError so the dispatcher prints the usage and exits 2.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, type CliIO } from './command.js';
import { readLines } from './io.js';

export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** `--tokenizer` and `--input`, as the commands that encode or decode declare them. */
export const TOKENIZER_INPUT_OPTIONS = {
  tokenizer: { type: 'string', short: 't' },
  input: { type: 'string', short: 'i' },
} as const;

/**
 * The texts of a command that takes one TEXT argument or the lines of `--input` (default stdin).
 * Checked now, so a usage error comes before the tokenizer is loaded.
 */
export function textsOf(positionals: readonly string[], input: string | undefined, io: CliIO): AsyncIterable<string> | readonly string[] {
  if (positionals.length > 1) throw new UsageError('give at most one TEXT (quote it)');
  if (positionals.length === 1 && input !== undefined) throw new UsageError('give TEXT or --input, not both');
  return positionals.length === 1 ? [positionals[0]!] : readLines(input ?? '-', io);
}
