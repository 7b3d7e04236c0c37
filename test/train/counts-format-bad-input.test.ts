// Bad input to `count` and `train --from-counts`: a count file of another format version or preset,
// an empty, truncated or corrupt shard, a disk that fills mid-write (a 64 KiB tmpfs, mounted when
// running as root). Each gives exit 1 and one line naming the file and what to do, leaves no output
// behind, and is never an internal error.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/dispatch.js';
import { memoryIO } from '../support/cli-io.js';

const dir = mkdtempSync(join(tmpdir(), 'mbbpe-counts-bad-'));
const corpus = join(dir, 'corpus.txt');
// Enough distinct words that the count file is far larger than the small tmpfs below.
writeFileSync(corpus, Array.from({ length: 12000 }, (_v, i) => `단어${i} 말${i * 7} 문장${i % 97}\n`).join(''));

async function fails(argv: string[], code: number, msg: RegExp, file?: string): Promise<string> {
  const s = memoryIO();
  expect(await main(argv, s)).toBe(code);
  const err = s.err();
  expect(err).not.toMatch(/internal error/);
  expect(err).toMatch(msg);
  if (code === 1) expect(err.trimEnd().split('\n')).toHaveLength(1);
  if (file !== undefined) expect(err).toContain(file);
  return err;
}

const shards = [0, 1, 2].map((k) => join(dir, `s${k}.counts`));
beforeAll(async () => {
  for (const [k, o] of shards.entries())
    expect(await main(['count', '--words', '-i', corpus, '--shard', `${k}/3`, '-o', o, '--segment', 'none', '-q'], memoryIO())).toBe(0);
});

describe('train --from-counts refuses unusable count files', () => {
  const out = join(dir, 'tok.json');
  const train = (...files: string[]) => ['train', '--from-counts', ...files, '-o', out, '-q'];

  it('another format version', async () => {
    const f = join(dir, 'v9.counts');
    writeFileSync(f, readFileSync(shards[0]!, 'utf8').replace('"version":2', '"version":9'));
    await fails(train(f, shards[1]!, shards[2]!), 1, /format version 9 is not supported \(this mbbpe reads versions 1, 2\)/, f);
    expect(existsSync(out)).toBe(false);
  });

  it('another preset than asked for, and shards of different presets', async () => {
    await fails([...train(...shards), '--preset', 'hf-defaults'], 1, /counted with --preset polyglot-ko, not hf-defaults \(train with --preset polyglot-ko/, shards[0]);
    const hf = join(dir, 'hf1.counts');
    expect(await main(['count', '--words', '-i', corpus, '--shard', '1/3', '-o', hf, '--segment', 'none', '--preset', 'hf-defaults', '-q'], memoryIO())).toBe(0);
    await fails(train(shards[0]!, hf, shards[2]!), 1, /made with different settings: --preset polyglot-ko vs --preset hf-defaults/, hf);
    expect(existsSync(out)).toBe(false);
  });

  it('a missing or duplicated shard', async () => {
    await fails(train(shards[0]!, shards[2]!), 1, /shards? 1 of 3 missing .*count the missing shards \(mbbpe count --shard K\/3\)/, shards[0]);
    await fails(train(shards[0]!, shards[1]!, shards[1]!, shards[2]!), 1, /both hold shard 1\/3 of the same inputs/, shards[1]);
  });

  it('an empty, a truncated and a corrupt shard', async () => {
    const empty = join(dir, 'empty.counts');
    writeFileSync(empty, '');
    await fails(train(empty), 1, /empty\.counts: empty file \(count it again/, empty);
    const bytes = readFileSync(shards[1]!);
    const cut = join(dir, 'cut.counts');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await fails(train(shards[0]!, cut, shards[2]!), 1, /truncated: its end line .* is missing/, cut);
    const bad = join(dir, 'bad.counts');
    const b = Buffer.from(bytes);
    const at = b.indexOf(0x0a, Math.floor(b.length / 2)) + 1; // an entry's count: change its first digit
    b[at] = b[at] === 0x31 ? 0x32 : 0x31; // still valid UTF-8 and still sorted, so only the checksum can tell
    writeFileSync(bad, b);
    await fails(train(shards[0]!, bad, shards[2]!), 1, /bad\.counts: damaged: its CRC-32C is [0-9a-f]{8}, the end line says [0-9a-f]{8}/, bad);
    expect(existsSync(out)).toBe(false);
  });

  it('shards counted from a corpus that changed between the jobs', async () => {
    const d = join(dir, 'changed');
    mkdirSync(d);
    const c = join(d, 'corpus.txt');
    writeFileSync(c, readFileSync(corpus));
    const a = join(d, 'a.counts');
    const b = join(d, 'b.counts');
    expect(await main(['count', '--words', '-i', c, '--shard', '0/2', '-o', a, '--segment', 'none', '-q'], memoryIO())).toBe(0);
    writeFileSync(c, readFileSync(corpus, 'utf8') + '새 줄\n');
    expect(await main(['count', '--words', '-i', c, '--shard', '1/2', '-o', b, '--segment', 'none', '-q'], memoryIO())).toBe(0);
    await fails(train(a, b), 1, /counted from different versions of .*corpus\.txt \(\d+ vs \d+ bytes\)/, a);
  });
});

describe('a disk that fills mid-write', () => {
  const mnt = join(dir, 'small-disk');
  let mounted = false;
  beforeAll(() => {
    mkdirSync(mnt);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt], { stdio: 'ignore' });
      mounted = true;
    } catch {
      process.stderr.write('\n*** SKIP (disk full): cannot mount a small tmpfs (needs root) — this suite did not run ***\n\n');
      if (process.env.CI) throw new Error('CI must run the disk-full test (mount a tmpfs as root)');
    }
  });
  afterAll(() => {
    if (mounted) execFileSync('umount', [mnt]);
    rmdirSync(mnt);
  });

  it('count --words and count --merge: exit 1, one line naming the file, nothing left on the disk', async (ctx) => {
    if (!mounted) ctx.skip();
    const out = join(mnt, 'all.counts');
    await fails(['count', '--words', '-i', corpus, '-o', out, '--segment', 'none', '-q'], 1, /output .*all\.counts: cannot write \(ENOSPC\) \(the disk is full: free space or write to another directory/, out);
    expect(readdirSync(mnt)).toEqual([]);
    await fails(['count', '--merge', ...shards, '-o', out, '-q'], 1, /cannot write \(ENOSPC\)/, out);
    expect(readdirSync(mnt)).toEqual([]);
    // Intermediate files of a multi-pass merge on the full disk: the same, and the output dir stays clean.
    await fails(['count', '--merge', ...shards, '-o', join(dir, 'merged.counts'), '--fan-in', '2', '--tmp-dir', mnt, '-q'], 1, /cannot write \(ENOSPC\)/);
    expect(readdirSync(mnt)).toEqual([]);
    expect(existsSync(join(dir, 'merged.counts'))).toBe(false);
  });
});
