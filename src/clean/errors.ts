// Errors the cleaning pipeline throws: bad options (caught before any document is read) and
// malformed input documents (with the file and line, so a JSONL corpus can be fixed in place).

import { MbbpeError } from '../errors.js';

/** An option of `clean()` / `mbbpe clean` is out of range or inconsistent. */
export class CleanOptionsError extends MbbpeError {
  constructor(
    readonly option: string,
    readonly reason: string,
    hint: string,
  ) {
    super(`invalid clean option '${option}': ${reason}`, hint);
  }
}

/** A document could not be read: a JSONL line that is not an object with a string text field. */
export class CleanInputError extends MbbpeError {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
    hint: string,
  ) {
    super(`${file}:${line}: ${reason}`, hint);
  }
}

/** The file-backed dedup set found a file it did not write, or the file system failed under it. */
export class DedupStoreError extends MbbpeError {
  constructor(
    readonly file: string,
    readonly reason: string,
    hint: string,
  ) {
    super(`dedup store ${file}: ${reason}`, hint);
  }
}

/** An input or output file could not be opened. */
export class CleanFileError extends MbbpeError {
  constructor(
    readonly file: string,
    readonly reason: string,
    hint: string,
  ) {
    super(`${file}: ${reason}`, hint);
  }
}
