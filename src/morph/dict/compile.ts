// Compiles user-dictionary CSV (mecab-ko-dic format: `surface,left-id,right-id,cost,feature…`)
// into a MeCab user dictionary, byte-identical to `mecab-dict-index -d DICDIR -u OUT -f utf-8
// -t utf-8 FILE.csv…`: per line MeCab's CSV rules, POS id from pos-id.def, empty (or negative)
// ids filled through rewrite.def + left-id.def / right-id.def. Where native would accept garbage
// or drop data silently (non-numeric fields, costs outside int16, over-long lines, empty
// surfaces) this throws DictionaryFormatError naming file, line and field instead.
//
// OUR CHOICE (native needs a trained model, which mecab-ko-dic does not ship): an empty cost gets
// `defaultCost` (default 0, below nearly every system-dictionary word cost, so a user word
// usually wins over splitting its span — what adding a word is for).

import { DictionaryFormatError } from '../errors.js';
import { MAX_LEXICON_TOKENS } from '../lexicon.js';
import { byteString, showBytes } from './binary.js';
import { MAX_LINE_BYTES, sourceLines, tokenizeCsv } from './csv.js';
import type { DicDefs } from './defs.js';
import { featureFields } from './rewrite.js';
import { writeDic, type DicEntry } from './writer.js';

/** The cost an entry with an empty cost field gets unless `defaultCost` says otherwise. */
export const DEFAULT_USER_COST = 0;

export interface CsvSource {
  /** File name for messages. */
  name: string;
  /** The CSV bytes (UTF-8). */
  bytes: Uint8Array;
}

export interface CompileOptions {
  /** Cost for entries whose cost field is empty (default DEFAULT_USER_COST = 0; our choice, see above). */
  defaultCost?: number;
}

const HINT = 'each line is surface,left-id,right-id,cost,feature (mecab-ko-dic: 8 feature fields); ids may be empty to be filled from the features';

/** Parses the integer fields as strictly as a user would expect (native atoi takes `12abc` as 12). */
function intField(s: string, name: string, where: { file: string; line: number }, min: number, max: number): number | null {
  if (s === '') return null;
  if (!/^[+-]?[0-9]+[ \t]*$/.test(s)) {
    throw new DictionaryFormatError(where.file, `${name} ${JSON.stringify(showBytes(s))} is not an integer`, 0, { line: where.line, field: name, hint: HINT });
  }
  const v = Number(s.trim());
  if (v < min || v > max) {
    throw new DictionaryFormatError(where.file, `${name} ${v} is outside ${min}..${max}`, 0, { line: where.line, field: name, hint: HINT });
  }
  return v;
}

/** Parses one CSV file into entries (appended to `out`), as Dictionary::compile reads lines. */
export function parseCsv(src: CsvSource, defs: DicDefs, options: CompileOptions, out: DicEntry[]): void {
  const text = byteString(src.bytes);
  for (const { text: line, line: no } of sourceLines(text)) {
    const where = { file: src.name, line: no };
    const fail = (reason: string, field?: string, hint = HINT): never => {
      throw new DictionaryFormatError(src.name, reason, 0, { line: no, ...(field !== undefined ? { field } : {}), hint });
    };
    if (line.length > MAX_LINE_BYTES) fail(`the line is ${line.length} bytes; mecab-dict-index reads at most ${MAX_LINE_BYTES} and silently stops there`, undefined, 'shorten the entry');
    if (line.includes('\0')) fail('the line contains a NUL byte', undefined, 'remove it');
    if (/^[ \t]*"/.test(line) && !/^[ \t]*"(?:[^"]|"")*"[ \t]*,/.test(line)) {
      // MeCab would read to the end of the line, or drop what follows the closing quote.
      fail('the quoted surface is not closed by `",` (an unclosed quote, or text after the closing quote)', 'surface', 'quote the whole field: "a,b" and double inner quotes: "say ""hi"""');
    }
    const col = tokenizeCsv(line, 5);
    if (col.length !== 5) fail(`${col.length} field${col.length === 1 ? '' : 's'}, expected at least 5 (surface,left-id,right-id,cost,feature)`, ['left-id', 'right-id', 'cost', 'feature'][Math.min(col.length, 4) - 1] ?? 'surface');
    const [surface, l, r, c, feature] = col as [string, string, string, string, string];
    if (surface === '') fail('empty surface (mecab-dict-index discards such lines)', 'surface');
    let lid = intField(l, 'left-id', where, -2147483648, 2147483647);
    let rid = intField(r, 'right-id', where, -2147483648, 2147483647);
    let cost = intField(c, 'cost', where, -32768, 32767);
    const fields = featureFields(feature);
    const whereFn = () => `${src.name}:${no}`;
    const posId = defs.posId.id(fields, whereFn);
    cost ??= options.defaultCost ?? DEFAULT_USER_COST;
    if (lid === null || rid === null || lid < 0 || rid < 0) {
      const ctx = defs.rewrite.rewrite(fields, whereFn);
      if (ctx === null) fail(`rewrite.def has no rule for the feature ${JSON.stringify(showBytes(feature))}`, 'feature', 'give left-id and right-id explicitly, or a feature in the dictionary\'s format');
      const ids = defs.contextIds();
      const lv = ids.left.get(ctx!.left);
      if (lv === undefined) fail(`cannot find LEFT-ID for ${showBytes(ctx!.left)} (feature ${showBytes(feature)})`, 'feature', 'give left-id and right-id explicitly, or use a POS / feature combination listed in left-id.def');
      const rv = ids.right.get(ctx!.right);
      if (rv === undefined) fail(`cannot find RIGHT-ID for ${showBytes(ctx!.right)} (feature ${showBytes(feature)})`, 'feature', 'give left-id and right-id explicitly, or use a POS / feature combination listed in right-id.def');
      lid = lv!;
      rid = rv!;
    }
    if (lid >= defs.rsize) fail(`left-id ${lid} is not below the matrix's ${defs.rsize} left-context ids`, 'left-id');
    if (rid >= defs.lsize) fail(`right-id ${rid} is not below the matrix's ${defs.lsize} right-context ids`, 'right-id');
    out.push({ surface, leftId: lid, rightId: rid, posId, cost, feature });
  }
}

/** Compiles CSV files (in order) into user-dictionary bytes. Throws DictionaryFormatError. */
export function compileUserDictionary(sources: CsvSource[], defs: DicDefs, options: CompileOptions = {}): Uint8Array {
  const entries: DicEntry[] = [];
  for (const s of sources) parseCsv(s, defs, options, entries);
  if (entries.length > MAX_LEXICON_TOKENS) {
    throw new DictionaryFormatError(sources[0]?.name ?? 'user dictionary', `${entries.length} entries, more than MeCab's format can address (${MAX_LEXICON_TOKENS})`);
  }
  return writeDic(entries, { lsize: defs.lsize, rsize: defs.rsize, file: sources.map((s) => s.name).join(', ') || 'user dictionary' });
}
