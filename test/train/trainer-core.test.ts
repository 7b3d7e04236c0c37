import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainBpe } from '../../src/models/bpe/trainer.js';
import { emptyPolyglotJson, HF_VERSION, hf, hfTrain, refWordCounts } from './hf-reference.js';
import { corpusSamples } from './samples.js';

const samples = corpusSamples(100_000, 'trainer-core parity');

describe(`merge core vs tokenizers@${HF_VERSION} Tokenizer.train (BpeTrainer defaults)`, () => {
  for (const s of samples) {
    it(`${s.name}: identical vocab and merges`, () => {
      const ref = hfTrain([s.file]);
      const ours = trainBpe(refWordCounts(s.text));
      expect(ours.vocab.length).toBe(ref.vocab.length);
      expect(ours.merges.length).toBe(ref.merges.length);
      expect(ours.vocab).toEqual(ref.vocab);
      expect(ours.merges).toEqual(ref.merges);
    });
  }
});

describe('rules kept for parity (each checked against the reference on a tiny file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mbbpe-parity-'));
  const both = (name: string, text: string) => {
    const file = join(dir, name);
    writeFileSync(file, text);
    return { ref: hfTrain([file]), ours: trainBpe(refWordCounts(text)) };
  };

  it('ties go to the smaller (left id, right id) pair', () => {
    // "cd" and "ab" both occur once: the reference merges (a, b) first although "cd" comes first.
    const { ref, ours } = both('tie.txt', 'cd ab\n');
    expect(ref.merges[0]).toEqual(['a', 'b']);
    expect(ours.merges).toEqual(ref.merges);
  });

  it('the alphabet gets ids in code point order, not in order of appearance or frequency', () => {
    const { ref, ours } = both('alphabet.txt', 'zzzz yyy a\n');
    expect(ref.vocab.slice(0, 5)).toEqual(['a', 'y', 'z', 'Ċ', 'Ġ']);
    expect(ours.vocab).toEqual(ref.vocab);
  });

  it('each line is pre-tokenized alone, its ending kept', () => {
    // Over the whole text the GPT-2 regex would give other whitespace words than line by line.
    const text = 'a \n\n  b\r\n\n c';
    const { ref, ours } = both('lines.txt', text);
    expect(ours.vocab).toEqual(ref.vocab);
    expect(ours.merges).toEqual(ref.merges);
    const perLine = [...refWordCounts(text).keys()].sort();
    const whole = [...new Map(hf.Tokenizer.fromString(emptyPolyglotJson()).getPreTokenizer()!.preTokenizeString(text).map(([w]) => [w, 1])).keys()].sort();
    expect(perLine).not.toEqual(whole);
  });
});
