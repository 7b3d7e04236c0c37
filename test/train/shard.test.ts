// `--shard K/N`: the N shards of generated files (random sizes, line lengths, empty files, files
// without a final '\n', lines longer than a shard) tile every file at line starts, and their word
// counts sum to the whole corpus's; spec errors are usage errors; a shard set trains byte-identically.

import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/dispatch.js';
import { countWordsInFiles } from '../../src/train/count-node.js';
import { parseShardSpec } from '../../src/train/counts/shard.js';
import { TrainConfigError } from '../../src/train/errors.js';
import { POLYGLOT_PRE_TOKENIZER } from '../../src/train/presets.js';
import { shardRanges } from '../../src/train/sources.js';
import { memoryIO } from '../support/cli-io.js';
import { sharedFile } from '../support/shared.js';

const dir = mkdtempSync(join(tmpdir(), 'mbbpe-shard-'));

// Text with many line ends, spaces and multi-byte characters; lines from empty to longer than a shard.
const text = fc
  .array(fc.oneof(fc.constantFrom('\n', '\n', ' ', '\r\n', '가', '😀', 'ab', 'x'), fc.string({ unit: 'grapheme-ascii', maxLength: 30 })), { maxLength: 40 })
  .map((parts) => parts.join(''));
const corpus = fc.record({ files: fc.array(text, { minLength: 1, maxLength: 5 }), n: fc.integer({ min: 1, max: 12 }) });

let run = 0;
function writeCorpus(files: string[]): { paths: string[]; sizes: number[] } {
  const d = join(dir, `c${run++}`);
  mkdirSync(d);
  const paths = files.map((t, i) => {
    const p = join(d, `f${i}.txt`);
    writeFileSync(p, t);
    return p;
  });
  return { paths, sizes: files.map((t) => Buffer.byteLength(t)) };
}

describe('shard spec', () => {
  it('parses K/N with 0 <= K < N and refuses everything else', () => {
    expect(parseShardSpec('0/1')).toEqual({ k: 0, n: 1 });
    expect(parseShardSpec('7/8')).toEqual({ k: 7, n: 8 });
    for (const bad of ['3/2', '2/2', 'a/b', '-1/2', '1', '1/0', '0/0', '1/2/3', '', ' /2', '0x1/2', '1.5/2'])
      expect(() => parseShardSpec(bad), bad).toThrow(TrainConfigError);
  });
});

describe('shards tile the corpus at line starts', () => {
  it('every byte of every file is in exactly one shard, each range starting at a line start', async () => {
    await fc.assert(
      fc.asyncProperty(corpus, async ({ files, n }) => {
        const { paths, sizes } = writeCorpus(files);
        const covered = paths.map(() => [] as Array<[number, number]>);
        for (let k = 0; k < n; k++)
          for (const r of await shardRanges(paths, sizes, { k, n })) covered[paths.indexOf(r.file)]!.push([r.start, r.end]);
        paths.forEach((_p, i) => {
          const bytes = Buffer.from(files[i]!);
          const spans = covered[i]!;
          let at = 0;
          for (const [s, e] of spans) {
            expect(s).toBe(at); // shards in order, no gap, no overlap
            expect(s === 0 || bytes[s - 1] === 0x0a).toBe(true);
            at = e;
          }
          expect(at).toBe(sizes[i]);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('the word counts of the N shards sum to the whole corpus count', async () => {
    await fc.assert(
      fc.asyncProperty(corpus, async ({ files, n }) => {
        const { paths, sizes } = writeCorpus(files);
        fc.pre(sizes.some((s) => s > 0));
        const whole = await countWordsInFiles(paths, { preTokenizer: POLYGLOT_PRE_TOKENIZER });
        const sum = new Map<string, number>();
        let lines = 0;
        for (let k = 0; k < n; k++) {
          const ranges = await shardRanges(paths, sizes, { k, n });
          const r = await countWordsInFiles(paths, { preTokenizer: POLYGLOT_PRE_TOKENIZER, ranges });
          for (const [w, c] of r.counts) sum.set(w, (sum.get(w) ?? 0) + c);
          lines += r.lines;
        }
        expect([...sum].sort()).toEqual([...whole.counts].sort());
        expect(lines).toBe(whole.lines);
      }),
      { numRuns: 80 },
    );
  });
});

describe('mbbpe count --shard', () => {
  const ok = join(dir, 'ok.txt');
  writeFileSync(ok, '좋은 영화였다\n재미없다\n');
  const out = join(dir, 'x.counts');
  const cases: Array<[string, string[], RegExp]> = [
    ['K not below N', ['--shard', '3/2'], /--shard 3\/2: K must be below N/],
    ['not numbers', ['--shard', 'a/b'], /--shard a\/b: "a\/b" is not K\/N/],
    ['negative', ['--shard=-1/2'], /is not K\/N/],
    ['N zero', ['--shard', '0/0'], /N must be from 1/],
    ['stdin', ['--shard', '0/2', '-i', '-'], /--shard needs files/],
    ['with --clean', ['--shard', '0/2', '--clean'], /--clean cannot be combined with --shard: it drops duplicate lines across the whole corpus/],
  ];
  for (const [name, extra, msg] of cases)
    it(`${name}: usage error, exit 2`, async () => {
      const s = memoryIO();
      expect(await main(['count', '--words', '-i', ok, '-o', out, '--segment', 'none', ...extra], s)).toBe(2);
      expect(s.err()).toMatch(msg);
    });

  it('an empty shard writes a valid empty count file that completes the set', async () => {
    const f = join(dir, 'one-line.txt');
    writeFileSync(f, '가나다 라마\n');
    const shards = [0, 1, 2].map((k) => join(dir, `one-${k}.counts`));
    for (const [k, o] of shards.entries()) expect(await main(['count', '--words', '-i', f, '--shard', `${k}/3`, '-o', o, '--segment', 'none', '-q'], memoryIO())).toBe(0);
    expect(readFileSync(shards[2]!, 'utf8')).toMatch(/\n#end words=0 crc32c=[0-9a-f]{8}\n$/);
    const a = join(dir, 'one-a.json');
    const b = join(dir, 'one-b.json');
    expect(await main(['train', '--from-counts', ...shards, '-o', a, '-q'], memoryIO())).toBe(0);
    expect(await main(['train', '-i', f, '--segment', 'none', '-o', b, '-q'], memoryIO())).toBe(0);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  });

  const real = sharedFile('corpora/nsmc/nsmc_raw_reviews.txt', 'shard train');
  it.skipIf(real === null)('7 shards of two real files, trained from the shards, give the tokenizer trained on the whole (segment from the headers)', async () => {
    const text = readFileSync(real!, 'utf8').split(/(?<=\n)/).slice(0, 6000);
    const a = join(dir, 'real-a.txt');
    const b = join(dir, 'real-b.txt');
    writeFileSync(a, text.slice(0, 1000).join(''));
    writeFileSync(b, text.slice(1000).join(''));
    const shards = Array.from({ length: 7 }, (_v, k) => join(dir, `real-${k}.counts`));
    for (const [k, o] of shards.entries())
      expect(await main(['count', '--words', '-i', a, b, '--shard', `${k}/7`, '-o', o, '--segment', 'none', '--preset', 'hf-defaults', '-q'], memoryIO())).toBe(0);
    const viaShards = join(dir, 'real-shards.json');
    const whole = join(dir, 'real-whole.json');
    expect(await main(['train', '--from-counts', ...shards.reverse(), '--vocab-size', '3000', '-o', viaShards, '-q'], memoryIO())).toBe(0);
    expect(await main(['train', '-i', a, b, '--segment', 'none', '--preset', 'hf-defaults', '--vocab-size', '3000', '-o', whole, '-q'], memoryIO())).toBe(0);
    expect(readFileSync(viaShards, 'utf8')).toBe(readFileSync(whole, 'utf8'));
  });
});
