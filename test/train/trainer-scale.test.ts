// The corpus-scale paths of the trainer: words read from a byte-level count table (no strings),
// the position arenas' growth and compaction, --min-word-count, and (MBBPE_SOAK=1) more than 2^24
// distinct pairs. Parity with the reference itself is in trainer-core/trainer-fuzz/train-api tests.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { bytesToByteLevel } from '../../src/models/bpe/byte-level.js';
import { PairIndex } from '../../src/models/bpe/train-pairs.js';
import { arenaFromStrings, assignIds } from '../../src/models/bpe/train-words.js';
import { trainBpe, wordArena } from '../../src/models/bpe/trainer.js';
import { ByteCountTable } from '../../src/train/counts/byte-table.js';
import { MapCountTable } from '../../src/train/counts/table.js';
import { hfTrain, refWordCounts } from './hf-reference.js';
import { corpusSamples } from './samples.js';

const seed = Number(process.env.MBBPE_SEED ?? (Date.now() ^ (Math.random() * 0x7fffffff)));
process.stderr.write(`trainer-scale: fast-check seed ${seed} (rerun with MBBPE_SEED=${seed})\n`);
const dir = mkdtempSync(join(tmpdir(), 'mbbpe-scale-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Few distinct bytes, so pairs repeat and merges chain.
const byteWord = fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b) => bytesToByteLevel(b.map((x) => [0x20, 0x61, 0x62, 0xea, 0xb0, 0x80, 0x0a][x % 7]!)));
const wordCounts = fc.array(fc.tuple(byteWord, fc.integer({ min: 1, max: 50 })), { minLength: 1, maxLength: 60 });

function tables(pairs: Array<[string, number]>) {
  const map = new MapCountTable();
  const bytes = new ByteCountTable('byte-level');
  const utf8 = new ByteCountTable('utf8');
  for (const [w, c] of pairs) for (const t of [map, bytes, utf8]) t.add(w, c);
  return { map, bytes, utf8 };
}

/** The merge driver of trainer.ts, on ids only: the (left, right) of every step. */
function mergeSequence(words: Array<[string, number]>, laterPositions?: number, maxMerges = 400) {
  const arena = arenaFromStrings(words, 0);
  const ids = new Map(arena.alphabet.map((cp, i) => [cp, i]));
  for (let i = 0; i < arena.sym.length; i++) arena.sym[i] = ids.get(arena.sym[i]!)!;
  const limit = arena.alphabet.length + maxMerges;
  const index = new PairIndex(arena.sym, arena.start, arena.len, arena.counts, limit, laterPositions);
  const seq: number[] = [];
  for (let next = arena.alphabet.length; next < limit && index.next() && index.topCount >= 1; next++) {
    seq.push(index.topLeft, index.topRight, index.topCount);
    index.mergeTop(next);
  }
  return { seq, compactions: index.compactions, shrinks: index.shrinks };
}

describe('trainer on count tables', () => {
  it('a byte-level table (read as bytes), a utf8 table and a Map give the same result', () => {
    fc.assert(
      fc.property(wordCounts, fc.integer({ min: 1, max: 60 }), fc.boolean(), (pairs, extra, initial) => {
        const { map, bytes, utf8 } = tables(pairs);
        const alphabet = new Set([...map.entries()].flatMap(([w]) => [...w])).size;
        const opts = { vocabSize: alphabet + 2 + extra + (initial ? 256 : 0), specialTokens: ['<s>', '</s>'], ...(initial ? { initialAlphabet: [...bytesToByteLevel(Uint8Array.from({ length: 256 }, (_, i) => i))] } : {}) };
        const want = trainBpe(new Map(map.entries()), opts);
        expect(trainBpe(bytes, opts)).toEqual(want);
        expect(trainBpe(utf8, opts)).toEqual(want);
        expect(trainBpe(map, opts)).toEqual(want);
      }),
      { seed, numRuns: 150 },
    );
  });

  it('on real text: the byte-level table path equals the Map path', () => {
    for (const s of corpusSamples(30_000, 'trainer-scale').slice(0, 4)) {
      const counts = refWordCounts(s.text);
      const { bytes } = tables([...counts]);
      expect(trainBpe(bytes, { vocabSize: 2000 })).toEqual(trainBpe(counts, { vocabSize: 2000 }));
    }
  });

  it('16-bit symbols (every id below 65536) and 32-bit ones (larger vocabularies) give the same merges', () => {
    // Merges run out long before 65536 ids on these samples, so both sizes train to the same end.
    for (const s of corpusSamples(30_000, 'trainer-scale').slice(0, 3)) {
      const { bytes, map } = tables([...refWordCounts(s.text)]);
      const narrow = trainBpe(bytes, { vocabSize: 65536 });
      expect(narrow.vocab.length).toBeLessThan(65536);
      expect(trainBpe(bytes, { vocabSize: 70000 })).toEqual(narrow);
      expect(trainBpe(map, { vocabSize: 70000 })).toEqual(narrow);
    }
    const arena = wordArena(tables([[bytesToByteLevel(Uint8Array.of(0x61, 0x62)), 3]]).bytes);
    expect(arena.sym).toBeInstanceOf(Uint16Array);
    const ids = new Int32Array(0x10000).fill(-1);
    arena.alphabet.forEach((cp, i) => (ids[cp] = i));
    assignIds(arena, ids, new Map(), 65537);
    expect(arena.sym).toBeInstanceOf(Int32Array);
    expect([...arena.sym]).toEqual([0, 1]);
    assignIds(arena, Int32Array.from({ length: 0x10000 }, (_, i) => i), new Map(), 65536);
    expect(arena.sym).toBeInstanceOf(Uint16Array);
    expect([...arena.sym]).toEqual([0, 1]);
  });

  it('position arenas: growing from nothing and compacting give the same merges as the default room', () => {
    fc.assert(
      fc.property(wordCounts, (pairs) => {
        const tiny = mergeSequence(pairs, 1);
        expect(tiny.seq).toEqual(mergeSequence(pairs).seq);
      }),
      { seed, numRuns: 300 },
    );
    // And the compaction path is taken on real text.
    const s = corpusSamples(30_000, 'trainer-scale')[0];
    if (s) {
      const words = [...refWordCounts(s.text)];
      const tiny = mergeSequence(words, 1, 1e6);
      // This sample shrinks pos0 rather than compacting pos1 (the repeated-unit test below does that).
      process.stderr.write(`trainer-scale: ${tiny.compactions} compactions, ${tiny.shrinks} pos0 shrinks on the real-text sample\n`);
      expect(tiny.seq).toEqual(mergeSequence(words, undefined, 1e6).seq);
    }
  });

  it('merges that consume later candidates compact their arena, with merges equal to HF on that corpus', () => {
    // Words of one repeated unit: every merge eats candidates made by earlier merges, so the later
    // arena fills with dead slices and is compacted (real-text samples shrink pos0 instead).
    const text = [...Array.from({ length: 64 }, (_, k) => 'ab'.repeat(k + 1)), ...Array.from({ length: 300 }, (_, k) => 'a'.repeat(k + 2))].join('\n');
    const file = join(dir, 'repeats.txt');
    writeFileSync(file, text);
    const counts = refWordCounts(text);
    const ref = hfTrain([file]);
    const ours = trainBpe(counts);
    expect(ours.vocab).toEqual(ref.vocab);
    expect(ours.merges).toEqual(ref.merges);
    const words = [...counts];
    const tiny = mergeSequence(words, 1, 1e6);
    expect(tiny.compactions).toBeGreaterThan(0);
    expect(tiny.seq).toEqual(mergeSequence(words, undefined, 1e6).seq);
  });

  it('minWordCount drops the rarer words before merging, and says how many (not HF: off by default)', () => {
    fc.assert(
      fc.property(wordCounts, fc.integer({ min: 0, max: 30 }), (pairs, min) => {
        const { map, bytes } = tables(pairs);
        const kept = new Map([...map.entries()].filter(([, c]) => c >= min));
        fc.pre(kept.size > 0);
        const dropped = [...map.entries()].filter(([, c]) => c < min);
        for (const src of [bytes, map]) {
          const r = trainBpe(src, { vocabSize: 300, minWordCount: min });
          const want = trainBpe(kept, { vocabSize: 300 });
          expect({ ...r, droppedWords: 0, droppedOccurrences: 0, pairIndexBytes: 0 }).toEqual({ ...want, pairIndexBytes: 0 });
          expect(r.droppedWords).toBe(dropped.length);
          expect(r.droppedOccurrences).toBe(dropped.reduce((a, [, c]) => a + c, 0));
        }
      }),
      { seed, numRuns: 200 },
    );
    expect(() => trainBpe(new Map([['ab', 1]]), { minWordCount: -1 })).toThrow(/minWordCount/);
  });
});

describe.runIf(process.env.MBBPE_SOAK === '1')('merge phase past the V8 Map ceiling (MBBPE_SOAK=1; ~1 min, ~2 GB)', () => {
  it('2^24 + 7e5 distinct pairs: counts of pairs first seen last are right', () => {
    // 4180² two-character words, every pair distinct; the pair seen LAST is made the most frequent,
    // the one before it second: the first merges must find them in a table past 2^24 pairs.
    const K = 4180;
    const ch = (i: number) => String.fromCharCode(0x4e00 + i);
    function* words(): Generator<[string, number]> {
      for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) yield [ch(i) + ch(j), i === K - 1 && j >= K - 2 ? 2 + j - (K - 2) + 1 : 1];
    }
    expect(K * K).toBeGreaterThan(2 ** 24);
    const r = trainBpe(words(), { vocabSize: K + 3 });
    expect(r.words).toBe(K * K);
    expect(r.merges).toEqual([
      [ch(K - 1), ch(K - 1)],
      [ch(K - 1), ch(K - 2)],
      [ch(0), ch(0)],
    ]);
  }, 600_000);
});
