// Shared fixtures for the tiktoken-export suites: the reference `tokenizers` (Rust, napi), tiktoken
// (Rust→WASM) loaded from our export, corpus line samples, and a fast-check text generator.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Tiktoken } from 'tiktoken';
import { Tokenizer } from 'tokenizers';
import { exportTiktoken, type TiktokenExport } from '../../src/export/tiktoken.js';

export interface Pair {
  json: Record<string, unknown>;
  exported: TiktokenExport;
  tiktoken: Tiktoken;
  reference: Tokenizer;
}

/** Reference and tiktoken-from-export for one tokenizer.json text. Call `tiktoken.free()` when done. */
export function loadPair(jsonText: string): Pair {
  const json = JSON.parse(jsonText) as Record<string, unknown>;
  const exported = exportTiktoken(json);
  return {
    json,
    exported,
    tiktoken: new Tiktoken(exported.rankFile, exported.specialTokens, exported.pattern),
    reference: Tokenizer.fromString(jsonText),
  };
}

/** `n` lines spread evenly over a corpus file (not just its head), empty lines dropped. */
export function sampleLines(path: string, n: number): string[] {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);
  if (lines.length <= n) return lines;
  const step = lines.length / n;
  return Array.from({ length: n }, (_, i) => lines[Math.floor(i * step)]!);
}

export interface Comparison {
  compared: number;
  mismatched: number;
  /** The first five mismatches, for the failure message. */
  examples: Array<{ text: string; reference: number[]; tiktoken: number[] }>;
}

/** Compares tiktoken's ids (or those of `encode`, another peer) with the reference's on every text. */
export async function compare(p: Pair, texts: string[], encode: (text: string) => ArrayLike<number> = (t) => p.tiktoken.encode(t, 'all')): Promise<Comparison> {
  const out: Comparison = { compared: texts.length, mismatched: 0, examples: [] };
  const chunk = 2000;
  for (let s = 0; s < texts.length; s += chunk) {
    const part = texts.slice(s, s + chunk);
    const encs = await p.reference.encodeBatch(part);
    part.forEach((text, i) => {
      const reference = encs[i]!.getIds();
      const tiktoken = Array.from(encode(text));
      if (reference.length !== tiktoken.length || reference.some((id, j) => id !== tiktoken[j])) {
        out.mismatched++;
        if (out.examples.length < 5) out.examples.push({ text, reference, tiktoken });
      }
    });
  }
  return out;
}

const range = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((c) => String.fromCodePoint(c));

/** Characters where byte-level BPE and the split pattern are most likely to go wrong. */
const interestingChar = fc.oneof(
  { weight: 6, arbitrary: range(0xac00, 0xd7a3) }, // Hangul syllables
  { weight: 4, arbitrary: range(0x20, 0x7e) }, // printable ASCII
  { weight: 3, arbitrary: fc.constantFrom(...'\t\n\x0B\f\r \u0085\u00A0\u1680\u2000\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF\u180E\u200B') },
  { weight: 1, arbitrary: range(0x1100, 0x11ff) }, // conjoining jamo
  { weight: 1, arbitrary: range(0x3130, 0x318f) }, // compatibility jamo
  { weight: 1, arbitrary: range(0x4e00, 0x4fff) }, // CJK
  { weight: 1, arbitrary: range(0x3040, 0x30ff) }, // kana
  { weight: 1, arbitrary: range(0xc0, 0x24f) }, // Latin-1 / extended letters
  { weight: 1, arbitrary: range(0x300, 0x36f) }, // combining marks (not \p{L})
  { weight: 1, arbitrary: fc.constantFrom('\u0660', '\u0669', '\uff10', '\u00b2', '\u2167', '\u00bd', '\u0cf1', '\u0cf2', '\u0cf1\u0cf1') },
  { weight: 1, arbitrary: range(0x1f300, 0x1f64f) }, // emoji (astral)
);

const fragment = fc.constantFrom("'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", '<|endoftext|>', '<|sep|>', '<|acc|>', '<|unused0|>', '<|endoftext', '  ', '\n\n', ' \u0cf1 ', '1,000', '제1조');

/** Strings mixing the characters and fragments above. */
export const textArb = fc
  .array(fc.oneof({ weight: 8, arbitrary: interestingChar }, { weight: 1, arbitrary: fragment }), { maxLength: 40 })
  .map((parts) => parts.join(''));

/** Seed for fast-check: MBBPE_SEED if set, else random; always printed so a failure can be replayed. */
export function fcSeed(suite: string): number {
  const env = process.env.MBBPE_SEED;
  const seed = env ? Number(env) : Math.floor(Math.random() * 2 ** 31);
  process.stderr.write(`[${suite}] fast-check seed ${seed} (replay: MBBPE_SEED=${seed})\n`);
  return seed;
}
