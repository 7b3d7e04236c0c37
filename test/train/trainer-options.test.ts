import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trainBpe } from '../../src/models/bpe/trainer.js';
import { TrainConfigError } from '../../src/train/errors.js';
import { HF_VERSION, hf, hfTrain, refWordCounts } from './hf-reference.js';
import { corpusSamples } from './samples.js';

const seed = Number(process.env.MBBPE_SEED ?? (Date.now() ^ (Math.random() * 0x7fffffff)));
process.stderr.write(`trainer-options: fast-check seed ${seed} (rerun with MBBPE_SEED=${seed})\n`);
const sample = corpusSamples(60_000, 'trainer options').find((s) => s.name.startsWith('nsmc/'));

/**
 * A naive trainer, written from the algorithm's definition rather than from HF's data structures:
 * every step recounts all pairs and merges the most frequent, ties to the smaller (left id, right id).
 */
function naive(counts: Map<string, number>, vocabSize: number, minFrequency: number, specials: string[] = []) {
  const vocab = [...specials];
  const alphabet = [...new Set([...counts.keys()].flatMap((w) => [...w]))].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!);
  for (const c of alphabet) if (!vocab.includes(c)) vocab.push(c);
  const words = [...counts].map(([w, n]) => ({ ids: [...w].map((c) => vocab.indexOf(c)), n }));
  const merges: Array<[string, string]> = [];
  while (vocab.length < vocabSize) {
    const pc = new Map<string, number>();
    for (const w of words) for (let i = 0; i + 1 < w.ids.length; i++) pc.set(`${w.ids[i]},${w.ids[i + 1]}`, (pc.get(`${w.ids[i]},${w.ids[i + 1]}`) ?? 0) + w.n);
    let best: [number, number, number] | null = null;
    for (const [k, c] of pc) {
      const [l, r] = k.split(',').map(Number) as [number, number];
      if (!best || c > best[2] || (c === best[2] && (l < best[0] || (l === best[0] && r < best[1])))) best = [l, r, c];
    }
    if (!best || best[2] < Math.max(1, minFrequency)) break;
    const [l, r] = best;
    const tok = vocab[l]! + vocab[r]!;
    let id = vocab.indexOf(tok);
    if (id < 0) id = vocab.push(tok) - 1;
    merges.push([vocab[l]!, vocab[r]!]);
    for (const w of words) {
      const out: number[] = [];
      for (let i = 0; i < w.ids.length; i++) {
        if (w.ids[i] === l && w.ids[i + 1] === r) {
          out.push(id);
          i++;
        } else out.push(w.ids[i]!);
      }
      w.ids = out;
    }
  }
  return { vocab, merges };
}

const wordCounts = fc
  .array(
    fc.tuple(
      // Astral characters and lone surrogates (which may pair up when adjacent) exercise the
      // code point handling; HF only ever sees well-formed text, the naive trainer defines the rest.
      fc.array(fc.constantFrom('a', 'b', 'c', 'd', '가', 'ೱ', '😀', '\ud800', '\udc00'), { minLength: 1, maxLength: 7 }).map((cs) => cs.join('')),
      fc.integer({ min: 1, max: 9 }),
    ),
    { minLength: 1, maxLength: 25 },
  )
  .map((ws) => {
    const m = new Map<string, number>();
    for (const [w, n] of ws) m.set(w, (m.get(w) ?? 0) + n);
    return m;
  });

describe('trainer options', () => {
  it.skipIf(!sample)(`vocabSize: training stops at a prefix of the tokenizers@${HF_VERSION} merges`, () => {
    const counts = refWordCounts(sample!.text);
    const ref = hfTrain([sample!.file]);
    const full = trainBpe(counts);
    for (const size of [full.alphabetSize, full.alphabetSize + 1, full.alphabetSize + 500, full.alphabetSize + 3000]) {
      const r = trainBpe(counts, { vocabSize: size });
      expect(r.vocab).toEqual(ref.vocab.slice(0, size));
      expect(r.merges).toEqual(ref.merges.slice(0, size - full.alphabetSize));
    }
  });

  it.skipIf(!sample)('special tokens take ids 0..n-1 and shift the rest, merges unchanged (tokens no merge can make)', () => {
    const counts = refWordCounts(sample!.text);
    const ref = hfTrain([sample!.file]);
    const specials = ['<|endoftext|>', '<pad>', '[MASK]'];
    const r = trainBpe(counts, { specialTokens: specials, vocabSize: 30000 + specials.length });
    expect(r.vocab).toEqual([...specials, ...ref.vocab]);
    expect(r.merges).toEqual(ref.merges);
  });

  it.skipIf(!sample)('initial alphabet: the full byte alphabet only adds ids in code point order, merges unchanged', () => {
    const counts = refWordCounts(sample!.text);
    const ref = hfTrain([sample!.file]);
    const r = trainBpe(counts, { initialAlphabet: hf.byteLevelAlphabet(), vocabSize: 40000 });
    expect(r.vocab.slice(0, 256)).toEqual([...hf.byteLevelAlphabet()].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!));
    expect(r.merges).toEqual(ref.merges);
  });

  it('the naive trainer agrees with the fast one, min frequency and vocab size included (seed printed)', () => {
    fc.assert(
      fc.property(wordCounts, fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 30 }), (counts, minFrequency, extra) => {
        const alphabet = new Set([...counts.keys()].flatMap((w) => [...w])).size;
        const vocabSize = alphabet + extra;
        const fast = trainBpe(counts, { minFrequency, vocabSize });
        const slow = naive(counts, vocabSize, minFrequency);
        expect(fast.vocab).toEqual(slow.vocab);
        expect(fast.merges).toEqual(slow.merges);
      }),
      { seed, numRuns: 300 },
    );
  });

  it('rejects options it cannot honour', () => {
    const c = new Map([['ab', 1]]);
    expect(() => trainBpe(c, { vocabSize: 1 })).toThrow(TrainConfigError);
    expect(() => trainBpe(c, { vocabSize: 2.5 })).toThrow(/vocabSize/);
    expect(() => trainBpe(c, { minFrequency: -1 })).toThrow(/minFrequency/);
    expect(() => trainBpe(c, { specialTokens: ['x', 'x'] })).toThrow(/listed twice/);
    expect(() => trainBpe(c, { initialAlphabet: ['ab'] })).toThrow(/not a single character/);
    expect(() => trainBpe(new Map([['ab', 0]]))).toThrow(/positive integer/);
  });
});
