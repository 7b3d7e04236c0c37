// Errors of the CLI's input layer: a file named on the command line that cannot be read, or data
// read from it that a command cannot use. Both are bad input (exit 1), never bad arguments (exit 2)
// and never an internal error; the message names the file (and line) in one line.

import { MbbpeError } from '../errors.js';

/** An input file (or stdin, shown as `-`) that is missing, unreadable, a directory, empty or not UTF-8. */
export class CliInputError extends MbbpeError {
  /** The path as given on the command line (`-` for stdin). */
  readonly path: string;
  /** The Node error code when the file could not be opened or read (ENOENT, EISDIR, …). */
  readonly code: string | undefined;
  /** What is wrong, e.g. `does not exist`, `is empty`, `line 3 (byte 120) is not valid UTF-8`. */
  readonly reason: string;

  constructor(path: string, reason: string, hint: string, code?: string) {
    const name = path === '-' ? 'stdin' : path;
    super(code !== undefined ? `cannot read input ${name}: ${code}, ${reason}` : `input ${name}: ${reason}`, hint);
    this.path = path;
    this.code = code;
    this.reason = reason;
  }
}

/** A line of input that parses as text but not as what the command needs (e.g. decode's ids). */
export class CliDataError extends MbbpeError {
  readonly where: string;

  constructor(where: string, reason: string, hint: string) {
    super(`${where}: ${reason}`, hint);
    this.where = where;
  }
}

/** The `hint` for a Node file error code met while opening or reading an input. */
export function readHint(code: string | undefined): { reason: string; hint: string } {
  switch (code) {
    case 'ENOENT':
      return { reason: 'does not exist', hint: 'check the path' };
    case 'EACCES':
    case 'EPERM':
      return { reason: 'is not readable (permission denied)', hint: 'check its permissions' };
    case 'EISDIR':
      return { reason: 'is a directory', hint: 'name a file inside it' };
    case 'ENOTDIR':
      return { reason: 'has a file where a folder should be in its path', hint: 'check the path' };
    case 'ELOOP':
      return { reason: 'is a symbolic link loop', hint: 'check the path' };
    default:
      return { reason: `cannot be read (${code ?? 'unknown error'})`, hint: 'check the path and the device' };
  }
}

/** A CliInputError from a Node error raised while opening or reading `path`. */
export function inputErrorFrom(path: string, e: unknown): CliInputError {
  if (e instanceof CliInputError) return e;
  const code = (e as NodeJS.ErrnoException)?.code ?? 'EIO';
  const { reason, hint } = readHint(code);
  return new CliInputError(path, reason, hint, code);
}

/** A `--tokenizer` that was found but could not be loaded: the loader's error, with the argument named. */
export class CliTokenizerError extends MbbpeError {
  readonly arg: string;
  override readonly cause: MbbpeError;

  constructor(arg: string, cause: MbbpeError) {
    super(`--tokenizer ${arg}: ${cause.message}`);
    this.arg = arg;
    this.cause = cause;
  }
}
