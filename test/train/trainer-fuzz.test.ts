import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { trainBpe } from '../../src/models/bpe/trainer.js';
import { HF_VERSION, hfTrain, refWordCounts } from './hf-reference.js';

const seed = Number(process.env.MBBPE_SEED ?? (Date.now() ^ (Math.random() * 0x7fffffff)));
const runs = Number(process.env.MBBPE_FUZZ_RUNS ?? 300);
process.stderr.write(`trainer-fuzz: fast-check seed ${seed} (rerun with MBBPE_SEED=${seed}), ${runs} runs\n`);

const dir = mkdtempSync(join(tmpdir(), 'mbbpe-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Pieces chosen to make ties (few distinct letters), runs of one letter (overlapping pairs like
// "aaa"), rare bytes (controls, 4-byte emoji, Latin-1), single-character words, whitespace runs of
// every kind the ByteLevel regex treats differently, CRLF, and the U+0CF1 morpheme marker.
const piece = fc.constantFrom(
  'a', 'b', 'ab', 'ba', 'aaa', 'c', 'abc', 'bc', ' ', ' ', '  ', '   ', '\t', '\n', '\n', '\r\n', '\r',
  '가', '나', '가나', '한국', 'ೱ', 'ೱ', 'é', '\u0000', '\u0001', '\u007f', '😀', '1', '12', '.', '!?', "'s",
  '\u00a0', '\u3000', '\u0085', '\ufeff', 'x', 'Z',
);
const corpus = fc.array(piece, { minLength: 1, maxLength: 120 }).map((ps) => ps.join(''));

describe(`merge core vs tokenizers@${HF_VERSION} on generated corpora`, () => {
  it('identical vocab and merges (seed printed on stderr)', () => {
    let n = 0;
    let dupRuns = 0;
    fc.assert(
      fc.property(corpus, (text) => {
        const file = join(dir, `c${n++}.txt`);
        writeFileSync(file, text);
        const ref = hfTrain([file]);
        const ours = trainBpe(refWordCounts(text));
        if (ours.mergeSteps > ours.merges.length) dupRuns++;
        expect(ours.vocab).toEqual(ref.vocab);
        expect(ours.merges).toEqual(ref.merges);
      }),
      { seed, numRuns: runs },
    );
    process.stderr.write(`trainer-fuzz: ${runs} corpora, ${dupRuns} with a pair merged twice\n`);
  });
});
