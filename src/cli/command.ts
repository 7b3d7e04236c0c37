// The contract every CLI command file implements, and the usage error that maps to exit code 2.
// Commands write only through the streams they are given, so tests can run them in-process.

import type { Readable, Writable } from 'node:stream';

export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  /** Whether stderr is a terminal (progress bars) — false in tests and pipes. */
  isTTY: boolean;
  /** Plain progress lines at most this often, and not before (default 5000 ms; tests pass 0). */
  progressEveryMs?: number;
}

export interface Command {
  name: string;
  /** One line for the top-level help. */
  summary: string;
  /** Full usage text printed on `--help` and after a usage error. */
  usage: string;
  /** Usage text for `--help` when it depends on the other arguments (default: `usage`). */
  helpFor?(argv: string[]): Promise<string>;
  /** Returns the process exit code. Throw `UsageError` for bad arguments. */
  run(argv: string[], io: CliIO): Promise<number>;
}

/** Bad command-line arguments: the dispatcher prints the message and the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
