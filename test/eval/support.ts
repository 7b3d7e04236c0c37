// Shared inputs of the eval tests: the two byte-level vocabularies, corpus lines the vocabularies
// were not trained on, and a fast-check generator of Korean-looking text.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Tokenizer } from '../../src/tokenizer/node-tokenizer.js';
import { repoRoot, sharedFile } from '../support/shared.js';

export const POLYGLOT = sharedFile('vocab/polyglot-ko/tokenizer.json', 'eval: Polyglot-Ko vocabulary');
export const OURS = `${repoRoot}/vocab/mbbpe-ko-30k/tokenizer.json`;
const QUESTIONS = sharedFile('corpora/chatbot-data/questions.txt', 'eval: chatbot questions');
const KLUE = sharedFile('corpora/klue-dev/klue_dev_sentences.txt', 'eval: KLUE dev');

export function tokenizers(): Array<{ name: string; tok: Tokenizer }> {
  const out = [{ name: 'mbbpe-ko-30k', tok: Tokenizer.fromFile(OURS) }];
  if (POLYGLOT) out.push({ name: 'polyglot-ko', tok: Tokenizer.fromFile(POLYGLOT) });
  return out;
}

/** Every `step`-th line of the held-out corpora (chatbot questions, KLUE dev). */
export function corpusLines(step = 20): string[] {
  const out: string[] = [];
  for (const f of [QUESTIONS, KLUE]) {
    if (!f) continue;
    const lines = readFileSync(f, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i += step) out.push(lines[i]!);
  }
  return out;
}

const syllable = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCodePoint(c));
const piece = fc.oneof(
  { weight: 8, arbitrary: syllable },
  { weight: 3, arbitrary: fc.constantFrom(' ', ' ', '  ', '\t', '\u3000', '\u00a0') },
  { weight: 2, arbitrary: fc.constantFrom('.', ',', '?', '!', '~', '^^', 'ㅋㅋ', 'ㅠ', '"', "'", '(', ')') },
  { weight: 2, arbitrary: fc.constantFrom('a', 'B', 'x', '1', '2', '0', 'GPU', 'iPhone') },
  { weight: 1, arbitrary: fc.constantFrom('😀', '👍🏽', '漢', '字', 'é', 'e\u0301', '\u1100\u1161', 'ー') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 2 }) },
);

/** Text without newlines, U+0CF1 or '<' (so readable pieces can be parsed back). */
export const koreanText = fc
  .array(piece, { maxLength: 40 })
  .map((a) => a.join('').replace(/[\n\r\u0cf1<\u2028\u2029\u0085]/g, ''));
