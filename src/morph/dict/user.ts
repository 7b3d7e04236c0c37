// Run-time user entries (`Analyzer.addWords`): entries given as CSV lines or objects are written
// as CSV and compiled exactly as a user-dictionary file would be, into one more lexicon searched
// after those already loaded. Platform-neutral.

import type { MorphDictionary } from '../dictionary.js';
import { compileUserDictionary, type CompileOptions } from './compile.js';
import { DicDefs } from './defs.js';

/** One word for `addWords`: a CSV line (`surface,left-id,right-id,cost,feature`) or its fields. */
export type UserWord =
  | string
  | {
      surface: string;
      /** The feature string (mecab-ko-dic: 8 comma-separated fields) or its fields. */
      feature: string | string[];
      /** Left/right context ids; omitted = filled from the feature via rewrite.def (as mecab-dict-index). */
      leftId?: number;
      rightId?: number;
      /** Word cost; omitted = `defaultCost` (default 0). */
      cost?: number;
    };

function csvField(s: string): string {
  return /[,"]|^[ \t]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV line for one word (text, not yet UTF-8). */
export function userWordLine(w: UserWord): string {
  if (typeof w === 'string') return w;
  const f = typeof w.feature === 'string' ? w.feature : w.feature.map(csvField).join(',');
  return `${csvField(w.surface)},${w.leftId ?? ''},${w.rightId ?? ''},${w.cost ?? ''},${f}`;
}

/** The DicDefs of a loaded dictionary (matrix size from its matrix, .def files from its buffers). */
export function dictionaryDefs(dict: MorphDictionary): DicDefs {
  const d = dict.buffers.defs ?? {};
  const header = new Uint8Array([dict.matrix.lsize & 0xff, dict.matrix.lsize >> 8, dict.matrix.rsize & 0xff, dict.matrix.rsize >> 8]);
  return new DicDefs({ dir: 'the loaded dictionary', matrixHeader: header, ...d });
}

/** Compiles `words` into a user dictionary (bytes) for `dict`. Throws DictionaryFormatError. */
export function compileWords(dict: MorphDictionary, words: UserWord[], name: string, options: CompileOptions = {}): Uint8Array {
  const text = words.map((w) => userWordLine(w).replace(/\r?\n$/, '')).join('\n') + '\n';
  return compileUserDictionary([{ name, bytes: new TextEncoder().encode(text) }], dictionaryDefs(dict), options);
}
