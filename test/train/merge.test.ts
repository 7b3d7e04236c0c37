// `count --merge`: the k-way merge of sorted count files equals the plain sum (generated tables,
// small fan-ins forcing several passes), never holds more than fan-in files open, reduces in a tree,
// trains byte-identically to the whole corpus, and refuses duplicated shards, other settings, v1
// files and damaged inputs without leaving output or temporary files behind.

import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/dispatch.js';
import { mergeCountFiles, mergePasses } from '../../src/train/counts/merge.js';
import { CountsReader, readCountsHeader, readCountsInto } from '../../src/train/counts/read.js';
import { writeCounts } from '../../src/train/counts/write.js';
import { CountsFileError, CountsSetError } from '../../src/train/errors.js';
import { memoryIO } from '../support/cli-io.js';
import { sharedFile } from '../support/shared.js';
import { header } from './counts-format-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'mbbpe-merge-'));

async function readAll(path: string): Promise<Map<string, number>> {
  const m = new Map<string, number>();
  await readCountsInto(path, { add: (w, c = 1) => void m.set(w, (m.get(w) ?? 0) + c) });
  return m;
}

const byBytes = (a: [string, number], b: [string, number]) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0]));
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'Ġ', '가', '\t', '\uFFFF', '😀'), minLength: 1, maxLength: 4 });
const tables = fc.array(fc.uniqueArray(fc.tuple(word, fc.integer({ min: 1, max: 1000 })), { selector: (e) => e[0], maxLength: 30 }), { minLength: 1, maxLength: 12 });

afterEach(() => vi.restoreAllMocks());

describe('k-way merge', () => {
  it('equals the sum of its inputs for any fan-in, and leaves no temporary file', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(tables, fc.integer({ min: 2, max: 5 }), async (ts, fanIn) => {
        const d = join(dir, `p${run++}`);
        mkdirSync(d);
        const files: string[] = [];
        const expected = new Map<string, number>();
        for (const [i, t] of ts.entries()) {
          const f = join(d, `in${i}.counts`);
          await writeCounts(f, header({}, { fingerprint: i.toString(16).padStart(64, '0') }), [...t].sort(byBytes));
          files.push(f);
          for (const [w, c] of t) expected.set(w, (expected.get(w) ?? 0) + c);
        }
        const out = join(d, 'out.counts');
        const s = await mergeCountFiles(files, out, { fanIn });
        expect(s.passes).toBe(mergePasses(files.length, fanIn));
        expect(await readAll(out)).toEqual(expected);
        expect((await readCountsHeader(out)).sources.length).toBe(files.length);
        expect(readdirSync(d).filter((f) => f.startsWith('.'))).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  it('never has more than fan-in files open at once, however many inputs (40 shards, fan-in 3: 4 passes)', async () => {
    const d = join(dir, 'many');
    mkdirSync(d);
    const files: string[] = [];
    const expected = new Map<string, number>();
    for (let k = 0; k < 40; k++) {
      const entries: Array<[string, number]> = [];
      for (let j = 0; j < 50; j++) entries.push([`w${(k * 7 + j * 13) % 300}`, k + 1]);
      const uniq = [...new Map(entries)].sort(byBytes);
      for (const [w, c] of uniq) expected.set(w, (expected.get(w) ?? 0) + c);
      const f = join(d, `s${k}.counts`);
      await writeCounts(f, header({}, { n: 40, parts: [k] }), uniq);
      files.push(f);
    }
    let open = 0;
    let peak = 0;
    const realOpen = CountsReader.open.bind(CountsReader);
    vi.spyOn(CountsReader, 'open').mockImplementation(async (p: string) => {
      const r = await realOpen(p);
      open++;
      peak = Math.max(peak, open);
      const close = r.close.bind(r);
      r.close = async () => {
        open--;
        r.close = async () => undefined;
        await close();
      };
      return r;
    });
    const out = join(d, 'all.counts');
    const s = await mergeCountFiles(files, out, { fanIn: 3 });
    expect(s.passes).toBe(4); // 40 → 14 → 5 → 2, then the final merge
    expect(peak).toBeLessThanOrEqual(3);
    expect(open).toBe(0);
    vi.restoreAllMocks();
    expect(await readAll(out)).toEqual(expected);
    expect((await readCountsHeader(out)).sources).toEqual([expect.objectContaining({ n: 40, parts: Array.from({ length: 40 }, (_v, i) => i) })]);
    expect(readdirSync(d).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('refuses a shard twice, other settings, version 1 files and damaged inputs; no output, no temporaries', async () => {
    const d = join(dir, 'refuse');
    mkdirSync(d);
    const a = join(d, 'a.counts');
    const b = join(d, 'b.counts');
    await writeCounts(a, header({}, { n: 2, parts: [0] }), [['x', 1]]);
    await writeCounts(b, header({ settings: { ...header().settings, segment: 'mecab' } }, { n: 2, parts: [1] }), [['y', 1]]);
    const out = join(d, 'out.counts');
    await expect(mergeCountFiles([a, a], out)).rejects.toThrow(/both hold shard 0\/2/);
    await expect(mergeCountFiles([a, b], out)).rejects.toBeInstanceOf(CountsSetError);
    const v1 = join(d, 'v1.counts');
    writeFileSync(v1, JSON.stringify({ format: 'mbbpe-word-counts', version: 1, pre_tokenizer: null, segment: 'none', bytes: 1, lines: 1, invalid_lines: 0, words: 1 }) + '\n1\tx\n');
    await expect(mergeCountFiles([v1, a], out)).rejects.toThrow(/v1\.counts line 1: format version 1 is not sorted/);
    // Damage in the middle of a file is found by its checksum while streaming (fan-in 2: in a later pass too).
    const big = Array.from({ length: 5000 }, (_v, i) => [`w${String(i).padStart(5, '0')}`, i + 1] as [string, number]);
    const files: string[] = [];
    for (let k = 0; k < 5; k++) {
      const f = join(d, `big${k}.counts`);
      await writeCounts(f, header({}, { n: 5, parts: [k] }), big);
      files.push(f);
    }
    const bytes = readFileSync(files[3]!);
    const at = bytes.indexOf('w03000');
    bytes[at + 3] = '7'.charCodeAt(0); // w03000 → w03700: still sorted? no: and the CRC differs anyway
    writeFileSync(files[3]!, bytes);
    const err = await mergeCountFiles(files, out, { fanIn: 2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CountsFileError);
    expect((err as CountsFileError).file).toBe(files[3]);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(d).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('mbbpe count --merge', () => {
  const real = sharedFile('corpora/chatbot-data/questions.txt', 'count --merge');
  it.skipIf(real === null)('12 shards merged with fan-in 3, and as a tree, train the same tokenizer as the whole corpus', async () => {
    const d = join(dir, 'cli');
    mkdirSync(d);
    const shards = Array.from({ length: 12 }, (_v, k) => join(d, `s${k}.counts`));
    for (const [k, o] of shards.entries()) expect(await main(['count', '--words', '-i', real!, '--shard', `${k}/12`, '-o', o, '--segment', 'none', '-q'], memoryIO())).toBe(0);
    const all = join(d, 'all.counts');
    const s = memoryIO();
    expect(await main(['count', '--merge', ...shards, '-o', all, '--fan-in', '3'], s)).toBe(0);
    expect(s.err()).toMatch(/merging counts \(3 passes\) [\d.]+\/[\d.]+ MB \(100%\), [\d.]+ MB\/s/);
    expect(s.err()).toMatch(/summed from 12 files in 3 passes/);
    // A tree: two partial merges, then their merge.
    const left = join(d, 'left.counts');
    const right = join(d, 'right.counts');
    const root = join(d, 'root.counts');
    expect(await main(['count', '--merge', ...shards.slice(0, 5), '-o', left, '-q'], memoryIO())).toBe(0);
    expect(await main(['count', '--merge', ...shards.slice(5), '-o', right, '-q'], memoryIO())).toBe(0);
    expect(await main(['count', '--merge', right, left, '-o', root, '-q'], memoryIO())).toBe(0);
    expect(readFileSync(root, 'utf8').split('\n').slice(1)).toEqual(readFileSync(all, 'utf8').split('\n').slice(1));
    // A partial merge cannot be trained on.
    const t = memoryIO();
    expect(await main(['train', '--from-counts', left, '-o', join(d, 'x.json')], t)).toBe(1);
    expect(t.err()).toMatch(/left\.counts.*shards 5, 6, 7, 8, 9, 10, 11 of 12 missing/);
    const viaMerge = join(d, 'via-merge.json');
    const direct = join(d, 'direct.json');
    expect(await main(['train', '--from-counts', root, '--vocab-size', '3000', '-o', viaMerge, '-q'], memoryIO())).toBe(0);
    expect(await main(['train', '-i', real!, '--segment', 'none', '--vocab-size', '3000', '-o', direct, '-q'], memoryIO())).toBe(0);
    expect(readFileSync(viaMerge, 'utf8')).toBe(readFileSync(direct, 'utf8'));
  });

  it('bad arguments are usage errors', async () => {
    for (const [argv, msg] of [
      [['count', '--merge', '-o', join(dir, 'o.counts')], /--merge needs the count files/],
      [['count', '--merge', 'a', '-o', join(dir, 'o.counts'), '--fan-in', '1'], /--fan-in must be an integer from 2/],
      [['count', '--merge', 'a', '-o', join(dir, 'o.counts'), '--segment', 'none'], /--segment applies when counting/],
    ] as const) {
      const s = memoryIO();
      expect(await main([...argv], s)).toBe(2);
      expect(s.err()).toMatch(msg);
    }
  });
});
