// Count-file format v2: CRC-32C against the RFC 3720 vectors, write/read round trips on generated
// words, code-point order checked against UTF-8 byte order, damage and truncation refused, and the
// set checks (settings, duplicated/missing shards) that guard summing.

import { mkdtempSync, readFileSync, writeFileSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32c } from '../../src/train/counts/crc32c.js';
import { readCountsHeader, readCountsInto } from '../../src/train/counts/read.js';
import { writeCounts, type HeaderFields } from '../../src/train/counts/write.js';
import { header } from './counts-format-fixtures.js';
import { openCountSet } from '../../src/train/counts-file.js';
import { CountsFileError, CountsSetError } from '../../src/train/errors.js';
import { POLYGLOT_PRE_TOKENIZER } from '../../src/train/presets.js';

const dir = mkdtempSync(join(tmpdir(), 'mbbpe-counts-format-'));

/** Code-point order computed independently: compare the UTF-8 bytes. */
function byteSorted(m: Map<string, number>): Array<[string, number]> {
  return [...m].sort((a, b) => Buffer.compare(Buffer.from(a[0]), Buffer.from(b[0])));
}

async function readAll(path: string): Promise<Map<string, number>> {
  const m = new Map<string, number>();
  await readCountsInto(path, { add: (w, c = 1) => void m.set(w, (m.get(w) ?? 0) + c) });
  return m;
}

// Words: any well-formed text, including the escaped characters and astral code points.
const word = fc.string({ unit: fc.oneof(fc.constantFrom('\\', '\t', '\n', '\r', '#', 'a', 'Ġ', '가', '\uE000', '\uFFFF', '😀', '𝕏'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength: 1, maxLength: 8 });
const table = fc.uniqueArray(fc.tuple(word, fc.integer({ min: 1, max: 2 ** 40 })), { selector: (e) => e[0], maxLength: 60 }).map((es) => new Map(es));

describe('CRC-32C', () => {
  it('matches the RFC 3720 (iSCSI) test vectors', () => {
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_v, i) => i))).toBe(0x46dd794e);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_v, i) => 31 - i))).toBe(0x113fdb5c);
    expect(crc32c(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
  });

  it('is the same fed in pieces as in one go', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(200), (bytes, cut) => {
        const at = Math.min(cut, bytes.length);
        expect(crc32c(bytes.subarray(at), crc32c(bytes.subarray(0, at)))).toBe(crc32c(bytes));
      }),
    );
  });
});

describe('count file v2: write and read', () => {
  it('round-trips any words and counts, entries in code-point (UTF-8 byte) order', async () => {
    let i = 0;
    await fc.assert(
      fc.asyncProperty(table, async (m) => {
        const f = join(dir, `rt${i++}.counts`);
        await writeCounts(f, header(), byteSorted(m));
        expect(await readAll(f)).toEqual(m);
        const lines = readFileSync(f, 'utf8').split('\n');
        expect(lines[lines.length - 2]).toMatch(/^#end words=\d+ crc32c=[0-9a-f]{8}$/);
        const h = await readCountsHeader(f);
        expect(h.version).toBe(2);
        expect(h.settings.segment).toBe('none');
      }),
      { numRuns: 60 },
    );
  });

  it('refuses to write entries out of order', async () => {
    await expect(writeCounts(join(dir, 'bad-order.counts'), header(), [['b', 1], ['a', 1]])).rejects.toThrow(/code-point order/);
    // UTF-16 order would put U+FFFF after U+1F600; code-point order puts it before.
    await expect(writeCounts(join(dir, 'astral.counts'), header(), [['\uFFFF', 1], ['😀', 1]])).resolves.toBe(2);
  });

  it('any truncation or changed byte is refused with the file named, never read as other counts', async () => {
    const m = new Map<string, number>(Array.from({ length: 300 }, (_v, i) => [`w${i}\t가`, i + 1]));
    const good = join(dir, 'good.counts');
    await writeCounts(good, header(), byteSorted(m));
    const bytes = readFileSync(good);
    const f = join(dir, 'damaged.counts');
    await fc.assert(
      fc.asyncProperty(fc.nat(bytes.length - 1), fc.integer({ min: 1, max: 255 }), fc.boolean(), async (at, xor, cut) => {
        const b = Buffer.from(bytes);
        if (cut) writeFileSync(f, b.subarray(0, at));
        else {
          b[at] = b[at]! ^ xor;
          writeFileSync(f, b);
        }
        const err = await readAll(f).then(
          () => null,
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(CountsFileError);
        expect((err as CountsFileError).file).toBe(f);
      }),
      { numRuns: 200 },
    );
    truncateSync(f, 0);
    await expect(readAll(f)).rejects.toThrow(/empty file/);
  });

  it('refuses other format versions and formats, naming the file', async () => {
    const f = join(dir, 'v3.counts');
    writeFileSync(f, JSON.stringify({ format: 'mbbpe-word-counts', version: 3 }) + '\n#end words=0 crc32c=00000000\n');
    await expect(readCountsHeader(f)).rejects.toThrow(new RegExp(`counts file ${f.replace(/[.]/g, '\\.')}.*format version 3 is not supported`));
    writeFileSync(f, JSON.stringify({ format: 'something-else', version: 2 }) + '\n');
    await expect(readCountsHeader(f)).rejects.toThrow(/format is "something-else"/);
  });

  it('still reads version 1 files (count order, no checksum)', async () => {
    const f = join(dir, 'v1.counts');
    const h = { format: 'mbbpe-word-counts', version: 1, pre_tokenizer: POLYGLOT_PRE_TOKENIZER, segment: 'none', clean: false, bytes: 9, lines: 2, invalid_lines: 0, words: 3 };
    writeFileSync(f, `${JSON.stringify(h)}\n5\tb\n3\ta\\tx\n1\tc\n`);
    expect(await readAll(f)).toEqual(new Map([['b', 5], ['a\tx', 3], ['c', 1]]));
    const rh = await readCountsHeader(f);
    expect(rh.version).toBe(1);
    expect(rh.settings.preset).toBeNull();
  });
});

describe('count sets: what may be summed', () => {
  const write = async (name: string, h: HeaderFields, entries: Array<[string, number]> = [['a', 1]]): Promise<string> => {
    const f = join(dir, name);
    await writeCounts(f, h, entries);
    return f;
  };

  it('a complete shard set passes; a missing or duplicated shard is refused naming the files', async () => {
    const s = await Promise.all([0, 1, 2].map((k) => write(`set-${k}.counts`, header({}, { n: 3, parts: [k] }))));
    const set = await openCountSet(s, {}, true);
    expect(set.sources[0]!.parts).toEqual([0, 1, 2]);
    await expect(openCountSet([s[0]!, s[2]!], {}, true)).rejects.toThrow(/shards? 1 of 3 missing/);
    const dup = openCountSet([s[0]!, s[1]!, s[1]!, s[2]!], {}, true);
    await expect(dup).rejects.toBeInstanceOf(CountsSetError);
    await expect(openCountSet([s[0]!, s[1]!, s[1]!, s[2]!], {}, true)).rejects.toThrow(/both hold shard 1\/3/);
    // A partial set is fine when not training (a tree of merges).
    expect((await openCountSet([s[0]!, s[2]!], {}, false)).sources[0]!.parts).toEqual([0, 2]);
  });

  it('refuses files of different settings, and settings other than asked', async () => {
    const a = await write('pa.counts', header());
    const b = await write('pb.counts', header({ settings: { ...header().settings, preset: 'hf-defaults' } }, { fingerprint: 'e'.repeat(64) }));
    const c = await write('pc.counts', header({ settings: { ...header().settings, segment: 'mecab' } }, { fingerprint: 'd'.repeat(64) }));
    await expect(openCountSet([a, b], {}, true)).rejects.toThrow(/pa\.counts, .*pb\.counts: made with different settings: --preset polyglot-ko vs --preset hf-defaults/);
    await expect(openCountSet([a, c], {}, true)).rejects.toThrow(/--segment none vs --segment mecab/);
    await expect(openCountSet([b], { preset: 'polyglot-ko' }, true)).rejects.toThrow(/counted with --preset hf-defaults, not polyglot-ko/);
  });

  it('shards of a corpus that changed between jobs are named as such', async () => {
    const h0 = header({}, { n: 2, parts: [0] });
    const h1 = header({}, { n: 2, parts: [1], fingerprint: '1'.repeat(64) });
    h1.sources[0]!.inputs = [{ name: 'corpus.txt', size: 12, head_tail: 'b'.repeat(64) }];
    const a = await write('ch0.counts', h0);
    const b = await write('ch1.counts', h1);
    await expect(openCountSet([a, b], {}, true)).rejects.toThrow(/counted from different versions of corpus\.txt \(10 vs 12 bytes\)/);
  });
});
