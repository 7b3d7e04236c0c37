// A missing or corrupt dictionary must fail at load time with a typed error naming the file and
// the problem (never a wrong analysis later).

import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Analyzer as BaseAnalyzer } from '../../src/morph/analyzer.js';
import type { DictionaryBuffers } from '../../src/morph/dictionary.js';
import { DictionaryFormatError, DictionaryNotFoundError } from '../../src/morph/errors.js';
import { NodeAnalyzer, defaultDicDir, readDictionary } from '../../src/morph/load-node.js';
import { MbbpeError } from '../../src/errors.js';

let good: DictionaryBuffers;
const bytes = (x: unknown) => x as Uint8Array;
beforeAll(async () => {
  good = await readDictionary();
});

function expectFormatError(buffers: DictionaryBuffers, file: string, reason: RegExp): void {
  let err: unknown;
  try {
    BaseAnalyzer.fromBuffers(buffers);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(DictionaryFormatError);
  expect(err).toBeInstanceOf(MbbpeError);
  const e = err as DictionaryFormatError;
  expect(e.file).toBe(file);
  expect(e.reason).toMatch(reason);
  expect(e.message).toContain(file);
  expect(e.hint).not.toBe('');
}

const patched = (src: unknown, at: number, value: number, width = 4): Uint8Array => {
  const b = bytes(src).slice();
  const dv = new DataView(b.buffer);
  if (width === 4) dv.setUint32(at, value, true);
  else dv.setUint16(at, value, true);
  return b;
};

describe('dictionary validation', () => {
  it('the real dictionary loads (sanity for the cases below)', () => {
    expect(BaseAnalyzer.fromBuffers(good).morphs('아버지가방에들어가신다')).toEqual(['아버지', '가', '방', '에', '들어가', '신다']);
  });
  it('wrong magic', () => expectFormatError({ ...good, sysDic: patched(good.sysDic, 0, 0x12345678) }, 'sys.dic', /magic/));
  it('truncated sys.dic', () => expectFormatError({ ...good, sysDic: bytes(good.sysDic).slice(0, 1_000_000) }, 'sys.dic', /magic .* but it is 1000000/));
  it('shorter than a header', () => expectFormatError({ ...good, unkDic: bytes(good.unkDic).slice(0, 10) }, 'unk.dic', /shorter than the 72-byte header/));
  it('wrong version', () => expectFormatError({ ...good, unkDic: patched(good.unkDic, 4, 101) }, 'unk.dic', /version 101/));
  it('a system dictionary where unk.dic belongs', () => expectFormatError({ ...good, unkDic: good.sysDic }, 'unk.dic', /type 0, expected 2/));
  it('section sizes that do not add up', () => {
    const u = bytes(good.unkDic);
    const b = patched(u, 28, new DataView(u.buffer, u.byteOffset).getUint32(28, true) + 16);
    expectFormatError({ ...good, unkDic: b }, 'unk.dic', /do not add up/);
  });
  it('not UTF-8', () => {
    const b = bytes(good.unkDic).slice();
    b.set(new TextEncoder().encode('EUC-KR\0'), 40);
    expectFormatError({ ...good, unkDic: b }, 'unk.dic', /charset "EUC-KR"/);
  });
  it('matrix size not matching its header', () => expectFormatError({ ...good, matrix: bytes(good.matrix).slice(0, 1000) }, 'matrix.bin', /does not match the 3822 × 2693 header/));
  it('matrix dimensions not matching sys.dic', () => {
    const m = new Uint8Array(4 + 2 * 4);
    m.set([2, 0, 2, 0]);
    expectFormatError({ ...good, matrix: m }, 'matrix.bin', /2 × 2 but sys.dic header says 3822 × 2693/);
  });
  it('truncated char.bin', () => expectFormatError({ ...good, charBin: bytes(good.charBin).slice(0, 5000) }, 'char.bin', /does not match 13 categories/));
  it('missing files → DictionaryNotFoundError naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbbpe-dic-'));
    for (const f of ['unk.dic', 'matrix.bin', 'char.bin', 'dicrc']) copyFileSync(join(defaultDicDir(), f), join(dir, f));
    const err = await NodeAnalyzer.load({ dicDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DictionaryNotFoundError);
    expect((err as DictionaryNotFoundError).file).toBe('sys.dic');
    expect((err as Error).message).toMatch(/sys\.dic.*ENOENT/);
  });
  it('a corrupt file in a custom dicDir fails on load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mbbpe-dic-'));
    for (const f of ['sys.dic', 'unk.dic', 'char.bin', 'dicrc']) copyFileSync(join(defaultDicDir(), f), join(dir, f));
    writeFileSync(join(dir, 'matrix.bin'), new Uint8Array([1, 0, 1, 0]));
    const err = await NodeAnalyzer.load({ dicDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DictionaryFormatError);
    expect((err as DictionaryFormatError).file).toBe('matrix.bin');
  });
});
