// The compile-time files of a system dictionary directory that a user dictionary needs:
// left-id.def / right-id.def (context_id.cpp: `id feature` lines, the first line of a feature
// wins), rewrite.def and pos-id.def (rewrite.ts), and the matrix size from matrix.bin's header.
// Each file is parsed on first use, as mecab-dict-index opens them only when a line needs them.

import { DictionaryFormatError, DictionaryNotFoundError } from '../errors.js';
import { byteString } from './binary.js';
import { sourceLines, tokenizeWhite } from './csv.js';
import { atoi, DictionaryRewriter, PosIdGenerator } from './rewrite.js';

/** The raw files (absent = undefined) of a system dictionary directory. */
export interface DicDirFiles {
  /** Directory name for messages. */
  dir: string;
  /** matrix.bin's first 4 bytes (or the whole file): lsize = right-context ids, rsize = left-context ids. */
  matrixHeader?: Uint8Array;
  leftIdDef?: Uint8Array;
  rightIdDef?: Uint8Array;
  rewriteDef?: Uint8Array;
  posIdDef?: Uint8Array;
}

/** The names of the files above, as read from a directory. */
export const DEF_FILES = ['left-id.def', 'right-id.def', 'rewrite.def', 'pos-id.def'] as const;

function parseIds(text: string, file: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const { text: line, line: no } of sourceLines(text)) {
    const col = tokenizeWhite(line, 2);
    if (col.length !== 2) throw new DictionaryFormatError(file, 'expected `id feature`', 0, { line: no });
    if (!map.has(col[1]!)) map.set(col[1]!, atoi(col[0]!)); // std::map::insert keeps the first
  }
  return map;
}

/** Context ids, rewrite rules and POS ids of one system dictionary, parsed lazily. */
export class DicDefs {
  readonly files: DicDirFiles;
  /** Matrix dimensions: lsize = number of right-context ids, rsize = number of left-context ids. */
  readonly lsize: number;
  readonly rsize: number;
  private rewriter: DictionaryRewriter | null = null;
  private leftIds: Map<string, number> | null = null;
  private rightIds: Map<string, number> | null = null;
  private posIds: PosIdGenerator | null = null;

  constructor(files: DicDirFiles) {
    this.files = files;
    const m = files.matrixHeader;
    if (m === undefined) throw new DictionaryNotFoundError(files.dir, 'matrix.bin', 'needed for the context id range');
    if (m.length < 4) throw new DictionaryFormatError('matrix.bin', 'shorter than its 4-byte header');
    this.lsize = m[0]! | (m[1]! << 8);
    this.rsize = m[2]! | (m[3]! << 8);
  }

  private need(bytes: Uint8Array | undefined, name: string): string {
    if (bytes === undefined) throw new DictionaryNotFoundError(this.files.dir, name, 'needed to fill empty left/right ids');
    return byteString(bytes);
  }

  get rewrite(): DictionaryRewriter {
    return (this.rewriter ??= new DictionaryRewriter(this.need(this.files.rewriteDef, 'rewrite.def')));
  }

  /** left-id.def and right-id.def, checked against the matrix size as mecab-dict-index does. */
  contextIds(): { left: Map<string, number>; right: Map<string, number> } {
    if (this.leftIds === null || this.rightIds === null) {
      const left = parseIds(this.need(this.files.leftIdDef, 'left-id.def'), 'left-id.def');
      const right = parseIds(this.need(this.files.rightIdDef, 'right-id.def'), 'right-id.def');
      if (left.size !== this.rsize || right.size !== this.lsize) {
        throw new DictionaryFormatError(
          'left-id.def',
          `left-id.def has ${left.size} and right-id.def ${right.size} features, the matrix is ${this.lsize} × ${this.rsize} (context id files may be broken)`,
        );
      }
      this.leftIds = left;
      this.rightIds = right;
    }
    return { left: this.leftIds, right: this.rightIds };
  }

  get posId(): PosIdGenerator {
    return (this.posIds ??= new PosIdGenerator(this.files.posIdDef === undefined ? undefined : byteString(this.files.posIdDef)));
  }
}
