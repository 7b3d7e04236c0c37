// Argument parsing shared by every command: node's `util.parseArgs`, with its errors (unknown
// option, missing value, …) turned into UsageError so the dispatcher prints the usage and exits 2.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command.js';

export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
