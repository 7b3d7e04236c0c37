// The dedup sets against a plain JS Set of the same keys (the naive reference): random keys,
// repeats, growth past the initial size; the file-backed set also across close/reopen.

import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryDedupSet, DedupStoreError, type DedupSet } from '../../src/clean/index.js';
import { hash128 } from '../../src/clean/hash.js';
import { FileDedupSet } from '../../src/clean/node/index.js';
import { seed } from './fc-seed.js';

const dir = mkdtempSync(join(tmpdir(), 'mbbpe-dedup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function key(s: string): Uint32Array {
  const k = new Uint32Array(4);
  hash128(s, k);
  return k;
}

/** Feeds the same sequence to the set under test and to a JS Set of strings; answers must agree. */
function agreesWithSet(set: DedupSet, docs: string[]): void {
  const ref = new Set<string>();
  const wrong: string[] = [];
  for (const d of docs) {
    const isNew = !ref.has(d);
    ref.add(d);
    if (set.add(key(d)) !== isNew) wrong.push(d);
  }
  expect(wrong.slice(0, 5)).toEqual([]);
  expect(set.size).toBe(ref.size);
}

describe('hash128', () => {
  it('gives distinct keys to 200k distinct near-identical strings', () => {
    const seen = new Set<string>();
    const k = new Uint32Array(4);
    const variants = (i: number) => [`문장 ${i}`, `문장 ${i} `, `${i}`, 'a'.repeat(i % 50) + String.fromCharCode(i % 65536)];
    let n = 0;
    for (let i = 0; i < 50_000; i++) {
      for (const s of variants(i)) {
        hash128(s, k);
        seen.add(`${k[0]},${k[1]},${k[2]},${k[3]}`);
        n++;
      }
    }
    // Distinct inputs: the variants overlap only where the strings are equal.
    const distinct = new Set<string>();
    for (let i = 0; i < 50_000; i++) for (const s of variants(i)) distinct.add(s);
    expect(seen.size).toBe(distinct.size);
    expect(n).toBe(200_000);
  });
  it('separates strings that pad to the same words', () => {
    expect([...key('a')]).not.toEqual([...key('a\0')]);
    expect([...key('')]).not.toEqual([...key('\0')]);
    expect([...key('')].some((x) => x !== 0)).toBe(true);
  });
});

describe('MemoryDedupSet', () => {
  it('agrees with a JS Set on random documents with repeats, across growth', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6 }), { maxLength: 300 }), (docs) => {
        agreesWithSet(new MemoryDedupSet(4), docs);
      }),
      { seed, numRuns: 100 },
    );
    const many = Array.from({ length: 100_000 }, (_, i) => `doc ${i % 70_000}`);
    agreesWithSet(new MemoryDedupSet(16), many);
  });
});

describe('FileDedupSet', () => {
  it('agrees with a JS Set across many growths, and keeps its keys across reopen', () => {
    const path = join(dir, 'a.dedup');
    const set = FileDedupSet.open(path, { initialSlots: 16 });
    const docs = Array.from({ length: 20_000 }, (_, i) => `문서 ${(i * 7919) % 15_000}`);
    agreesWithSet(set, docs);
    set.close();
    const again = FileDedupSet.open(path, { reuse: true });
    expect(again.size).toBe(15_000);
    expect(again.add(key('문서 42'))).toBe(false);
    expect(again.add(key('새 문서'))).toBe(true);
    again.close();
  });
  it('refuses an existing file unless asked to reuse it, and a file it did not write', () => {
    const path = join(dir, 'b.dedup');
    FileDedupSet.open(path).close();
    expect(() => FileDedupSet.open(path)).toThrow(DedupStoreError);
    const junk = join(dir, 'junk.dedup');
    writeFileSync(junk, 'not a dedup file at all, just text '.repeat(4));
    expect(() => FileDedupSet.open(junk, { reuse: true })).toThrow(/not a dedup file/);
  });
  it('removes its file on close when asked', () => {
    const path = join(dir, 'c.dedup');
    const set = FileDedupSet.open(path, { removeOnClose: true });
    set.add(key('x'));
    set.close();
    expect(existsSync(path)).toBe(false);
  });
});
