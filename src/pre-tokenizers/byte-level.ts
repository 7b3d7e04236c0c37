// The ByteLevel pre-tokenizer: optional prefix space, the GPT-2 split regex (Isolated), then every
// UTF-8 byte mapped to its printable stand-in. Offsets of the mapped chars stay on the source char.
// It does not handle decoding (decoders/byte-level.ts) or offset trimming (processors/).

import { BYTE_TO_CHAR } from '../models/bpe/byte-level.js';
import { NormalizedString } from '../tokenizer/normalized.js';
import { compileOniguruma } from '../text/regex.js';
import { Ranges } from '../text/ranges.js';
import { gpt2Pieces } from './gpt2-scanner.js';
import { splitPieces } from './split-behavior.js';
import type { Piece, PreTokenizer } from './types.js';

/** The GPT-2 pattern, verbatim from the reference (Oniguruma syntax). */
export const GPT2_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

let gpt2: RegExp | undefined;
/** The compiled GPT-2 regex (compiled once per process); tests check the scanner against it. */
export function gpt2Regex(): RegExp {
  return (gpt2 ??= compileOniguruma(GPT2_PATTERN, '$.pre_tokenizer(ByteLevel)'));
}

/** Maps every char of `ns` to its UTF-8 bytes' stand-ins; all of a char's bytes keep its alignment. */
export function toByteLevel(ns: NormalizedString): NormalizedString {
  const s = ns.s;
  let out = '';
  const as: number[] = [];
  const ae: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    const st = ns.as[i]!;
    const en = ns.ae[i]!;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      }
    }
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd; // a lone surrogate reaches the reference as U+FFFD
    if (cp < 0x80) {
      out += BYTE_TO_CHAR[cp]!;
      as.push(st);
      ae.push(en);
    } else if (cp < 0x800) {
      out += BYTE_TO_CHAR[0xc0 | (cp >> 6)]! + BYTE_TO_CHAR[0x80 | (cp & 63)]!;
      as.push(st, st);
      ae.push(en, en);
    } else if (cp < 0x10000) {
      out += BYTE_TO_CHAR[0xe0 | (cp >> 12)]! + BYTE_TO_CHAR[0x80 | ((cp >> 6) & 63)]! + BYTE_TO_CHAR[0x80 | (cp & 63)]!;
      as.push(st, st, st);
      ae.push(en, en, en);
    } else {
      out +=
        BYTE_TO_CHAR[0xf0 | (cp >> 18)]! +
        BYTE_TO_CHAR[0x80 | ((cp >> 12) & 63)]! +
        BYTE_TO_CHAR[0x80 | ((cp >> 6) & 63)]! +
        BYTE_TO_CHAR[0x80 | (cp & 63)]!;
      as.push(st, st, st, st);
      ae.push(en, en, en, en);
    }
  }
  return new NormalizedString(out, Int32Array.from(as), Int32Array.from(ae), ns.origStart, ns.origEnd);
}

export class ByteLevelPreTokenizer implements PreTokenizer {
  constructor(
    /** Prepend a space to every piece that does not start with one. Default in HF: true. */
    readonly addPrefixSpace: boolean,
    /** Split with the GPT-2 regex before mapping. Default: true. */
    readonly useRegex: boolean,
  ) {}

  preTokenize(pieces: Piece[]): Piece[] {
    const split = splitPieces(pieces, (ns) => {
      if (this.addPrefixSpace && !ns.s.startsWith(' ')) ns.prepend(' ');
      if (!this.useRegex) return [ns];
      const r = new Ranges();
      gpt2Pieces(ns.s, 0, ns.s.length, r);
      const out: NormalizedString[] = [];
      for (let k = 0; k < r.n; k++) out.push(ns.slice(r.data[2 * k]!, r.data[2 * k + 1]!));
      return out;
    });
    for (const p of split) if (!p.preset) p.ns = toByteLevel(p.ns);
    return split;
  }
}
