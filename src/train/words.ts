// Turns lines of text into the words the BPE trainer counts: the tokenizer's pre-tokenizer applied
// to each line, exactly as Hugging Face's `train_from_files` feeds its trainer. It does not read files
// or segment morphemes (count-node.ts and segment.ts do).
//
// Design notes: the Polyglot-Ko pipeline (Split(literal, Removed) then ByteLevel without prefix space)
// and plain ByteLevel get a fast path that skips offset bookkeeping: split on the literal, run the
// GPT-2 regex, map UTF-8 bytes to their stand-ins with a table. Any other pre-tokenizer goes through
// the runtime's generic one. Both are checked against the reference in test/train/words.test.ts.

import { BYTE_TO_CHAR } from '../models/bpe/byte-level.js';
import { gpt2Regex } from '../pre-tokenizers/byte-level.js';
import { preTokenizerFromConfig } from '../pre-tokenizers/from-config.js';
import { ByteCountTable } from './counts/byte-table.js';

/**
 * Calls `emit` once per piece of `line`. Without `toWord` the pieces are the words (e.g. byte-level
 * mapped); with it they are the text before the final mapping, which `toWord` applies — so a
 * counter can map each distinct piece once instead of every occurrence.
 */
export type WordSplitter = ((line: string, emit: (piece: string) => void) => void) & {
  toWord?: (piece: string) => string;
  /** Set when `toWord` is the byte-level mapping: a piece's word is then its UTF-8 bytes' stand-ins. */
  byteLevelPieces?: boolean;
};

type Json = Record<string, unknown>;

function isFastByteLevel(o: unknown): boolean {
  if (!o || typeof o !== 'object') return false;
  const j = o as Json;
  return j.type === 'ByteLevel' && j.add_prefix_space === false && (j.use_regex ?? true) === true;
}

/** The literal a `Split(String, Removed, invert=false)` splits on, or null when `o` is not that. */
function removedLiteral(o: unknown): string | null {
  if (!o || typeof o !== 'object') return null;
  const j = o as Json;
  const pat = j.pattern as Json | undefined;
  if (j.type !== 'Split' || j.behavior !== 'Removed' || j.invert !== false || !pat || typeof pat.String !== 'string') return null;
  return pat.String.length > 0 ? pat.String : null;
}

const BYTE_CODES: readonly number[] = BYTE_TO_CHAR.map((c) => c.charCodeAt(0));

/** The byte-level string of `s.slice(from, to)` (UTF-16 → UTF-8 → stand-in chars). */
export function byteLevelSlice(s: string, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) {
    let cp = s.charCodeAt(i);
    if (cp < 0x80) {
      out += String.fromCharCode(BYTE_CODES[cp]!);
      continue;
    }
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < to) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // lone surrogate: the reference sees U+FFFD
    if (cp < 0x800) {
      out += String.fromCharCode(BYTE_CODES[0xc0 | (cp >> 6)]!, BYTE_CODES[0x80 | (cp & 63)]!);
    } else if (cp < 0x10000) {
      out += String.fromCharCode(BYTE_CODES[0xe0 | (cp >> 12)]!, BYTE_CODES[0x80 | ((cp >> 6) & 63)]!, BYTE_CODES[0x80 | (cp & 63)]!);
    } else {
      out += String.fromCharCode(
        BYTE_CODES[0xf0 | (cp >> 18)]!,
        BYTE_CODES[0x80 | ((cp >> 12) & 63)]!,
        BYTE_CODES[0x80 | ((cp >> 6) & 63)]!,
        BYTE_CODES[0x80 | (cp & 63)]!,
      );
    }
  }
  return out;
}

function byteLevelFast(literal: string | null): WordSplitter {
  const shared = gpt2Regex();
  const re = new RegExp(shared.source, shared.flags); // our own copy: lastIndex is per-regex state
  const words = (s: string, from: number, to: number, emit: (w: string) => void): void => {
    if (from === to) return; // the reference drops empty pieces
    const part = from === 0 && to === s.length ? s : s.slice(from, to);
    re.lastIndex = 0;
    let prev = 0;
    for (let m = re.exec(part); m !== null; m = re.exec(part)) {
      const st = m.index;
      const en = st + m[0].length;
      if (en === st) {
        re.lastIndex++; // the GPT-2 pattern never matches empty; guard against looping anyway
        continue;
      }
      if (st > prev) emit(part.slice(prev, st)); // Isolated keeps unmatched gaps too
      emit(part.slice(st, en));
      prev = en;
    }
    if (prev < part.length) emit(part.slice(prev));
  };
  const split: WordSplitter =
    literal === null
      ? (line, emit) => words(line, 0, line.length, emit)
      : (line, emit) => {
          let from = 0;
          for (let at = line.indexOf(literal); at >= 0; at = line.indexOf(literal, from)) {
            words(line, from, at, emit);
            from = at + literal.length;
          }
          words(line, from, line.length, emit);
        };
  split.toWord = (piece) => byteLevelSlice(piece, 0, piece.length);
  split.byteLevelPieces = true;
  return split;
}

/** What the fast path needs: the literal split on first (or null) and the GPT-2 regex. */
export interface FastSplitSpec {
  literal: string | null;
  regexSource: string;
  regexFlags: string;
}

/** The fast-path description of `preTokenizerJson`, or null when only the generic path applies. */
export function fastSplitSpec(preTokenizerJson: unknown): FastSplitSpec | null {
  const j = preTokenizerJson as Json | null;
  if (!j || typeof j !== 'object') return null;
  const re = gpt2Regex();
  if (isFastByteLevel(j)) return { literal: null, regexSource: re.source, regexFlags: re.flags };
  const list = j.type === 'Sequence' ? (j.pretokenizers as unknown[] | undefined) : undefined;
  if (list && list.length === 2 && isFastByteLevel(list[1])) {
    const lit = removedLiteral(list[0]);
    if (lit !== null) return { literal: lit, regexSource: re.source, regexFlags: re.flags };
  }
  return null;
}

/** A splitter for the pre-tokenizer described by `preTokenizerJson` (tokenizer.json's `pre_tokenizer`). */
export function wordSplitter(preTokenizerJson: unknown, opts: { generic?: boolean } = {}): WordSplitter {
  const spec = opts.generic ? null : fastSplitSpec(preTokenizerJson);
  if (spec) return byteLevelFast(spec.literal);
  const pt = preTokenizerFromConfig(preTokenizerJson);
  return (line, emit) => {
    for (const [w] of pt.preTokenizeString(line)) emit(w);
  };
}

/**
 * Word → count, fed line by line, in a `ByteCountTable` (no 2^24 ceiling). On the byte-level fast
 * path each piece is added by its UTF-8 bytes, which are the bytes of its byte-level word: no word
 * string is built and no piece string is kept (a kept slice could hold its whole line alive).
 */
export class WordCounts {
  /** Word → count of everything added so far (the live table, byte-level keys on the fast path). */
  readonly counts: ByteCountTable;
  private readonly emit: (piece: string) => void;

  constructor(private readonly split: WordSplitter) {
    const table = (this.counts = new ByteCountTable(split.byteLevelPieces ? 'byte-level' : 'utf8'));
    const toWord = split.toWord;
    this.emit = split.byteLevelPieces ? (p) => table.addUtf8(p) : toWord ? (p) => table.add(toWord(p)) : (w) => table.add(w);
  }

  /** Counts the words of one line (its line ending included, as the reference reads lines). */
  addLine(line: string): void {
    this.split(line, this.emit);
  }
}
