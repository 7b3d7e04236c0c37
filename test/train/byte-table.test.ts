import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToByteLevel } from '../../src/models/bpe/byte-level.js';
import { ByteCountTable, CountTableError, transferList } from '../../src/train/counts/byte-table.js';
import { MapCountTable, type CountTable } from '../../src/train/counts/table.js';

const seed = Number(process.env.MBBPE_SEED ?? (Date.now() ^ (Math.random() * 0x7fffffff)));
process.stderr.write(`byte-table: fast-check seed ${seed} (rerun with MBBPE_SEED=${seed})\n`);

/** Code-point order computed from scratch (arrays of code points), the oracle for sortedEntries. */
const byCodePoints = (a: string, b: string): number => {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
};
const sortedByWord = (t: CountTable) => [...t.entries()].sort((a, b) => byCodePoints(a[0], b[0]));

type Op = { word: string; count: number };
function run(ops: Op[], t: CountTable): CountTable {
  for (const o of ops) t.add(o.word, o.count);
  return t;
}

const anyString = fc.string({ unit: fc.oneof(fc.constantFrom('a', 'b', '가', '\u0000', '\uD800', '\uDFFF', '\u{10000}', '\uFFFF', '\uE000'), fc.string({ unit: 'binary', maxLength: 1 })), maxLength: 6 });
const wellFormed = fc.string({ unit: fc.oneof(fc.constantFrom('a', 'b', '가', '\u0000', '\u{10000}', '\uFFFF', '\uE000', '\uD7FF'), fc.string({ unit: 'grapheme', maxLength: 1 })), maxLength: 6 });
const byteLevelWord = fc.uint8Array({ maxLength: 6 }).map((b) => bytesToByteLevel(b));
const ops = (word: fc.Arbitrary<string>) => fc.array(fc.record({ word, count: fc.integer({ min: 1, max: 1000 }) }), { maxLength: 80 });

describe('ByteCountTable equals MapCountTable', () => {
  it('utf8 keys, any JS string (lone surrogates round-trip): size, get, entries', () => {
    fc.assert(
      fc.property(ops(anyString), anyString, (o, probe) => {
        const a = run(o, new ByteCountTable());
        const b = run(o, new MapCountTable());
        expect(a.size).toBe(b.size);
        expect(a.get(probe)).toBe(b.get(probe));
        for (const { word } of o) expect(a.get(word)).toBe(b.get(word));
        expect(new Map(a.entries())).toEqual(new Map(b.entries()));
        expect(new Map(a)).toEqual(new Map(b)); // iterable
      }),
      { seed, numRuns: 400 },
    );
  });

  it('utf8 keys: sortedEntries in code-point order on well-formed strings', () => {
    fc.assert(
      fc.property(ops(wellFormed), (o) => {
        const a = run(o, new ByteCountTable());
        expect([...a.sortedEntries()]).toEqual(sortedByWord(run(o, new MapCountTable())));
        expect([...run(o, new MapCountTable()).sortedEntries()]).toEqual(sortedByWord(a));
      }),
      { seed, numRuns: 400 },
    );
  });

  it('byte-level keys: same counts, code-point order of the stand-in strings, half the key bytes', () => {
    fc.assert(
      fc.property(ops(byteLevelWord), (o) => {
        const a = new ByteCountTable('byte-level');
        run(o, a);
        const b = run(o, new MapCountTable());
        expect(new Map(a.entries())).toEqual(new Map(b.entries()));
        expect([...a.sortedEntries()]).toEqual(sortedByWord(b));
        expect(a.keyBytes).toBe([...b.entries()].reduce((n, [w]) => n + w.length, 0));
      }),
      { seed, numRuns: 400 },
    );
  });

  it('addUtf8 of a piece counts its byte-level word (lone surrogates as U+FFFD, as the reference)', () => {
    fc.assert(
      fc.property(fc.array(anyString, { maxLength: 40 }), (pieces) => {
        const a = new ByteCountTable('byte-level');
        const b = new MapCountTable();
        for (const p of pieces) {
          a.addUtf8(p);
          b.add(bytesToByteLevel(new TextEncoder().encode(p)));
        }
        expect(new Map(a.entries())).toEqual(new Map(b.entries()));
      }),
      { seed, numRuns: 300 },
    );
  });

  it('merge of either kind of table, in either direction', () => {
    fc.assert(
      fc.property(ops(byteLevelWord), ops(byteLevelWord), (x, y) => {
        const want = new Map(run([...x, ...y], new MapCountTable()).entries());
        for (const mode of ['utf8', 'byte-level'] as const) {
          const a = run(x, new ByteCountTable(mode));
          a.merge(run(y, new ByteCountTable(mode)));
          expect(new Map(a.entries())).toEqual(want);
          const b = run(x, new ByteCountTable(mode));
          b.merge(run(y, new MapCountTable()));
          expect(new Map(b.entries())).toEqual(want);
          const c = run(x, new MapCountTable());
          c.merge(run(y, new ByteCountTable(mode)));
          expect(new Map(c.entries())).toEqual(want);
        }
        const d = run(x, new ByteCountTable('utf8'));
        d.merge(run(y, new ByteCountTable('byte-level')));
        expect(new Map(d.entries())).toEqual(want);
      }),
      { seed, numRuns: 200 },
    );
  });
});

describe('ByteCountTable edge cases', () => {
  it('a byte-level table refuses a word that is not byte-level, and finds none', () => {
    const t = new ByteCountTable('byte-level');
    expect(() => t.add('가')).toThrow(CountTableError);
    expect(() => t.add('가')).toThrow(/not a byte-level word/);
    expect(t.get('가')).toBe(0);
    expect(t.size).toBe(0);
  });

  it('the empty word, huge counts, a key longer than a page, keys across page boundaries', () => {
    const t = new ByteCountTable();
    t.add('');
    t.add('', 2 ** 40);
    const long = 'ab'.repeat(700_000); // 1.4 MB: a page of its own
    t.add(long);
    const mid = 'x'.repeat(300_000); // past a quarter page: also its own page
    for (let i = 0; i < 40; i++) t.add(`${mid}${i}`);
    t.add(long, 2);
    expect(t.get('')).toBe(2 ** 40 + 1);
    expect(t.get(long)).toBe(3);
    expect(t.get(`${mid}7`)).toBe(1);
    expect(t.get(long.slice(1))).toBe(0);
    expect(t.size).toBe(42);
    const words = ['', long, ...Array.from({ length: 40 }, (_, i) => `${mid}${i}`)].sort(byCodePoints);
    expect([...t.sortedEntries()].map(([w]) => w)).toEqual(words);
  });

  it('crosses every capacity growth step (entries, slots, pages) and keeps every count', () => {
    // 200k keys of 2-3 Hangul syllables (6-9 bytes, 1.5 MB): ~12 entry growths, 7 slot doublings, 2 pages.
    const t = new ByteCountTable();
    const m = new MapCountTable();
    const word = (i: number) => String.fromCharCode(0xac00 + (i % 11172), 0xac00 + Math.floor(i / 11172)) + (i % 3 === 0 ? '가' : '');
    for (let i = 0; i < 200_000; i++) {
      t.add(word(i), (i % 7) + 1);
      m.add(word(i), (i % 7) + 1);
    }
    for (let i = 0; i < 200_000; i += 3) t.add(word(i));
    for (let i = 0; i < 200_000; i += 3) m.add(word(i));
    expect(t.size).toBe(m.size);
    expect(t.keyBytes).toBeGreaterThan(1 << 20);
    let bad = 0;
    for (const [w, c] of t.entries()) if (m.get(w) !== c) bad++;
    expect(bad).toBe(0);
    const a = [...t.sortedEntries()];
    const b = [...m.sortedEntries()];
    expect(a.length).toBe(b.length);
    expect(a.findIndex(([w, c], i) => w !== b[i]![0] || c !== b[i]![1])).toBe(-1);
    expect(t.memoryBytes).toBeLessThan(t.size * 60);
  });

  it('toState/fromState (and structured cloning with the buffers transferred) keeps the table', () => {
    const t = new ByteCountTable('byte-level');
    for (let i = 0; i < 5000; i++) t.addUtf8(`w${i % 1234}`);
    const state = structuredClone(t.toState(), { transfer: transferList(t.toState()) });
    const u = ByteCountTable.fromState(state);
    expect(u.size).toBe(1234);
    expect(u.get(bytesToByteLevel(new TextEncoder().encode('w7')))).toBe(5);
    u.addUtf8('new');
    u.addUtf8('w7');
    expect(u.size).toBe(1235);
    expect(u.get(bytesToByteLevel(new TextEncoder().encode('w7')))).toBe(6);
  });
});

describe.runIf(process.env.MBBPE_SOAK === '1')('ByteCountTable past the V8 Map ceiling (MBBPE_SOAK=1; ~30 s, ~1.5 GB)', () => {
  it('2^24 + 1000 distinct keys', () => {
    const N = 2 ** 24 + 1000;
    const t = new ByteCountTable();
    const buf = Buffer.alloc(4);
    for (let i = 0; i < N; i++) {
      buf.writeUInt32BE(i);
      t.add(bytesToByteLevel(buf), 1 + (i & 1)); // 4 stand-ins, distinct per i
    }
    for (let i = 0; i < N; i += 4099) {
      buf.writeUInt32BE(i);
      t.add(bytesToByteLevel(buf));
    }
    expect(t.size).toBe(N);
    let sum = 0;
    for (const [, c] of t.entries()) sum += c;
    expect(sum).toBe(N + Math.floor(N / 2) + Math.ceil(N / 4099));
    buf.writeUInt32BE(N - 1);
    expect(t.get(bytesToByteLevel(buf))).toBe(1 + ((N - 1) & 1));
  }, 600_000);
});
