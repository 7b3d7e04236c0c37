import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WordCounts, wordSplitter } from '../../src/train/words.js';
import { HF_VERSION, linesWithEnding, refWordCounts } from './hf-reference.js';
import { corpusSamples } from './samples.js';
import { POLYGLOT_PRE_TOKENIZER } from '../../src/train/presets.js';

const samples = corpusSamples(100_000, 'train words parity');
const seed = Number(process.env.MBBPE_SEED ?? (Date.now() ^ (Math.random() * 0x7fffffff)));
process.stderr.write(`train words: fast-check seed ${seed} (rerun with MBBPE_SEED=${seed})\n`);

function ours(text: string, generic: boolean): Iterable<[string, number]> {
  const wc = new WordCounts(wordSplitter(POLYGLOT_PRE_TOKENIZER, { generic }));
  for (const line of linesWithEnding(text)) wc.addLine(line);
  return wc.counts;
}

function sorted(m: Iterable<[string, number]>): Array<[string, number]> {
  return [...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

describe(`training words vs the tokenizers@${HF_VERSION} pre-tokenizer (Split U+0CF1 Removed + ByteLevel)`, () => {
  for (const s of samples) {
    it(`${s.name}: same word counts (fast path and generic path)`, () => {
      const ref = sorted(refWordCounts(s.text));
      expect(sorted(ours(s.text, false))).toEqual(ref);
      expect(sorted(ours(s.text, true))).toEqual(ref);
    });
  }

  it('generated text: same word counts (seed printed on stderr)', () => {
    const ch = fc.constantFrom(
      'a', 'Z', ' ', '  ', '\t', '\n', '\r\n', '\r', '가', '각', 'ೱ', 'ೱೱ', 'é', '\u0000', '\u007f', '😀', '1', '²', '.', "'s", "'ll", "'",
      '\u00a0', '\u3000', '\u0085', '\ufeff', '\u200b', '\u2028', '\u1680', '\u180e', 'ㄱ', '\u1100\u1161', '٣', 'Ⅻ',
    );
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const ref = sorted(refWordCounts(text));
        expect(sorted(ours(text, false))).toEqual(ref);
        expect(sorted(ours(text, true))).toEqual(ref);
      }),
      { seed, numRuns: 400 },
    );
  });
});
