// Shared helpers of the runtime's differential tests: the reference (`tokenizers` npm, Hugging Face
// Rust via napi), batch comparison of ids / tokens / code-point offsets / decode, and the generator
// of hostile strings. Nothing here decides expected values: the reference does.

import { createRequire } from 'node:module';
import fc from 'fast-check';
import { Tokenizer } from '../../src/tokenizer.js';

const require = createRequire(import.meta.url);

export interface RefEncoding {
  getIds(): number[];
  getTokens(): string[];
  getOffsets(): number[][];
}
export interface RefTokenizer {
  encodeBatch(texts: string[], opts?: { addSpecialTokens?: boolean }): Promise<RefEncoding[]>;
  encode(text: string, pair?: null, opts?: { addSpecialTokens?: boolean }): Promise<RefEncoding>;
  decodeBatch(ids: number[][], skip: boolean): Promise<string[]>;
  decode(ids: number[], skip: boolean): Promise<string>;
  getPreTokenizer(): { preTokenizeString(s: string): Array<[string, [number, number]]> } | null;
  getVocabSize(withAdded?: boolean): number;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ref: any = require('tokenizers');
export const REF_VERSION: string = require('tokenizers/package.json').version;

export function refFromJSON(json: string): RefTokenizer {
  return ref.Tokenizer.fromString(json) as RefTokenizer;
}

export interface Mismatch {
  text: string;
  what: string;
  ref: unknown;
  ours: unknown;
}

/** Encodes `texts` with both and compares ids, tokens, offsets (code points) and decode. */
export async function compareBatch(
  r: RefTokenizer,
  ours: Tokenizer,
  texts: string[],
  opts: { addSpecialTokens?: boolean; decode?: boolean; skipSpecial?: boolean } = {},
): Promise<Mismatch[]> {
  const add = opts.addSpecialTokens ?? true;
  const encs = await r.encodeBatch(texts, { addSpecialTokens: add });
  const out: Mismatch[] = [];
  const mine = texts.map((t) => ours.encode(t, { addSpecialTokens: add, offsets: 'codepoint' }));
  for (let i = 0; i < texts.length; i++) {
    const e = encs[i]!;
    const m = mine[i]!;
    const a = JSON.stringify([e.getIds(), e.getTokens(), e.getOffsets()]);
    const b = JSON.stringify([m.ids, m.tokens, m.offsets]);
    if (a !== b) out.push({ text: texts[i]!, what: 'encode', ref: a, ours: b });
  }
  if (opts.decode ?? true) {
    const ids = encs.map((e) => e.getIds());
    const decs = await r.decodeBatch(ids, opts.skipSpecial ?? false);
    ids.forEach((x, i) => {
      const d = ours.decode(x, { skipSpecialTokens: opts.skipSpecial ?? false });
      if (d !== decs[i]) out.push({ text: texts[i]!, what: 'decode', ref: decs[i], ours: d });
    });
  }
  return out;
}

export function describeMismatches(ms: Mismatch[], max = 3): string {
  return ms
    .slice(0, max)
    .map((m) => `${m.what} of ${JSON.stringify(m.text).slice(0, 200)}\n  ref:  ${String(m.ref).slice(0, 400)}\n  ours: ${String(m.ours).slice(0, 400)}`)
    .join('\n');
}

const PIECES = [
  ' ', '  ', '   ', '\n', '\r\n', '\t', '\u0085', '\uFEFF', '\u00A0', '\u3000', '\u2028', '\u0CF1', 'ೱ',
  '\uD800', '\uDC00', '\uDBFF\uDFFF', '😀', '👍🏽', '𝔘', '\u0301', 'e\u0301', '\u1100\u1161\u11A8', '가\u11A8',
  '<|endoftext|>', '<|endoftext', 'endoftext|>', '<|sep|>', '<|unused0|>', '<|', '|>', '<s>', '</s>', '[PAD]',
  "'s", "'S", "'ll", "'LL", "'re", '123', '1,234.5', '٣', 'Ⅻ', '½', 'ﬁ', 'Å', 'İ', 'ß', 'Σ', 'ΣΑΣ',
  'hello', 'Hello', 'HELLO', ' world', '안녕하세요', '한국어', '대한민국', '각', '뷁', '!', '...', '?!', '—', '«', '$', '+',
  '_', '-', '\u200D', '\u200B', '\u0000', '\u007F', '\u00AD',
];

/** Hostile strings: random code points (astral included), the pieces above, Hangul and ASCII runs. */
export function hostileString(maxParts = 12): fc.Arbitrary<string> {
  const part = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...PIECES) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...'가나다라한국어를은는 abcXYZ 01'.split('')), maxLength: 10 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
    { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
  );
  return fc.array(part, { maxLength: maxParts }).map((a) => a.join(''));
}

/** The seed of this run: MBBPE_SEED if set, else random; always printed so a failure can be replayed. */
export function runSeed(name: string): number {
  const s = process.env.MBBPE_SEED ? Number(process.env.MBBPE_SEED) : Math.floor(Math.random() * 2 ** 31);
  process.stderr.write(`[${name}] fast-check seed ${s} (replay: MBBPE_SEED=${s})\n`);
  return s;
}

/** Multiplier for generated-input counts: MBBPE_SOAK=1 runs 20x more. */
export const SOAK = process.env.MBBPE_SOAK ? 20 : 1;
