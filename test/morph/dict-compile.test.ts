// `mbbpe dict compile` and compileUserDictionary against native mecab-dict-index: hand-made
// real-looking user dictionaries and fast-check generated ones compiled by both, bytes compared;
// and dump → compile round trips. Set MBBPE_FC_SEED to replay; MBBPE_SOAK=1 also recompiles the
// whole system dictionary from its dump (about a minute) and compares it with sys.dic.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { compileUserDictionary } from '../../src/morph/dict/compile.js';
import { tokenizeCsv, tokenizeCsvC } from '../../src/morph/dict/csv.js';
import { dumpDictionary } from '../../src/morph/dict/dump.js';
import { readDicDefs } from '../../src/morph/dict/load-node.js';
import { parseCsv } from '../../src/morph/dict/compile.js';
import { writeDic, type DicEntry } from '../../src/morph/dict/writer.js';
import { DicLexicon } from '../../src/morph/lexicon.js';
import { runCli } from './cli-io.js';
import { haveDictOracle, nativeCompile, oracleDic, realLookingCsv, tempDir } from './dict-support.js';

const ok = haveDictOracle('dict compile vs mecab-dict-index');
const seed = Number(process.env.MBBPE_FC_SEED ?? Date.now() % 2 ** 31);
process.stderr.write(`[dict-compile] fast-check seed ${seed} (replay with MBBPE_FC_SEED=${seed})\n`);
const tmp = tempDir();
afterAll(() => tmp.done());
const enc = new TextEncoder();

async function ours(csvs: string[]): Promise<Uint8Array> {
  const defs = await readDicDefs(oracleDic);
  return compileUserDictionary(csvs.map((c, i) => ({ name: `in${i}.csv`, bytes: enc.encode(c) })), defs);
}

// Generated lines: surfaces over Hangul/ASCII/digits/emoji/commas/quotes/spaces, empty, -1 or
// explicit ids, any int16 cost, features from the shapes mecab-ko-dic user dictionaries use.
const ch = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...'가나다라마바사아자차카타파하뉴진스이은는을를') },
  { weight: 8, arbitrary: fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCodePoint(c)) },
  { weight: 5, arbitrary: fc.constantFrom(...'abcXYZ019_-.+#@') },
  { weight: 2, arbitrary: fc.constantFrom('😀', '🇰🇷', '👍🏻', 'ｱ', '漢', 'é') },
  { weight: 1, arbitrary: fc.constantFrom(',', '"', ' ') },
);
const surface = fc.oneof(
  { weight: 12, arbitrary: fc.array(ch, { minLength: 1, maxLength: 12 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.array(ch, { minLength: 100, maxLength: 1200 }).map((a) => a.join('')) },
).filter((s) => s.trim() !== '' && !/^[ \t]/.test(s));
const id = (max: number) => fc.oneof(fc.constant(''), fc.constant('-1'), fc.integer({ min: 0, max: max - 1 }).map(String));
const feature = fc.constantFrom(
  'NNP,*,F,R,*,*,*,*', 'NNP,*,T,R,*,*,*,*', 'NNP,인명,F,R,*,*,*,*', 'NNP,지명,T,R,*,*,*,*', 'NNG,*,F,R,*,*,*,*', 'NNG,*,T,R,*,*,*,*',
  'NNG,행위,F,R,*,*,*,*', 'SL,*,*,*,*,*,*,*', 'SN,*,*,*,*,*,*,*', 'SY,*,*,*,*,*,*,*', 'MAG,*,F,R,*,*,*,*', 'IC,*,F,R,*,*,*,*',
  'NNG,*,F,R,Compound,*,*,가/NNG/*+나/NNG/*', 'VV+EP,*,T,R,Inflect,VV,EP,가/VV/*+았/EP/*', 'NNP,*,F,"a,b",*,*,*,*',
);
const csvLine = fc.tuple(surface, id(2693), id(3822), fc.integer({ min: -32768, max: 32767 }), feature).map(([s, l, r, c, f]) => {
  const q = /[,"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  return `${q},${l},${r},${c},${f.replace(/R/g, s.replace(/[,"]/g, ''))}`;
});
const csvFile = fc.array(csvLine, { minLength: 1, maxLength: 60 }).map((ls) => ls.join('\n') + '\n');

describe.skipIf(!ok)('dict compile: byte-identical to mecab-dict-index', () => {
  it('hand-made real-looking dictionary (API and CLI)', async () => {
    const csv = realLookingCsv();
    expect(csv.split('\n').length).toBeGreaterThan(200);
    const want = nativeCompile(tmp.dir, [csv]);
    expect(want.err).toBe('');
    expect(Buffer.from(await ours([csv])).equals(want.dic!)).toBe(true);
    const inFile = join(tmp.dir, 'real.csv');
    writeFileSync(inFile, csv);
    const out = join(tmp.dir, 'cli.dic');
    const r = await runCli(['dict', 'compile', '-o', out, '--dic-dir', oracleDic, inFile]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out.length).toBe(0); // silent on success
    expect(readFileSync(out).equals(want.dic!)).toBe(true);
  });

  it('several CSV files in order, CRLF lines, no final newline, MeCab CSV quirks', async () => {
    const a = realLookingCsv().split('\n').slice(0, 80).join('\r\n');
    // With MeCab's quirks: a quoted feature start (unquoted in place), spaces before fields, ids of -1.
    const b = '뉴진스,,,-9,NNG,*,F,뉴진스,*,*,*,*\nx,1786,3545,0,"NNP",*,F,x,*,*,*,*\ny, 1786 ,\t3545, 0, "N,NP" ,*,F,x,*,*,*,*\nz,-1,3545,0,NNP,*,F,z,*,*,*,*\n하이브,,,3,NNP,*,F,하이브,*,*,*,*';
    const want = nativeCompile(tmp.dir, [a, b]);
    expect(want.err).toBe('');
    expect(Buffer.from(await ours([a, b])).equals(want.dic!)).toBe(true);
  });

  it('fast-check generated dictionaries', async () => {
    await fc.assert(
      fc.asyncProperty(csvFile, async (csv) => {
        const want = nativeCompile(tmp.dir, [csv]);
        expect(want.err).toBe('');
        const got = await ours([csv]);
        expect(Buffer.from(got).equals(want.dic!)).toBe(true);
        // dump → compile gives the same bytes.
        const dumped = new TextDecoder().decode(dumpDictionary(new DicLexicon(got, 'gen.dic', 1)));
        expect(Buffer.from(await ours([dumped])).equals(want.dic!)).toBe(true);
      }),
      { seed, numRuns: 30 },
    );
  });

  it('dump → compile round trip of the hand-made dictionary (CLI), and the native compile of the dump', async () => {
    const dic = join(tmp.dir, 'rt.dic');
    writeFileSync(join(tmp.dir, 'rt.csv'), realLookingCsv());
    expect((await runCli(['dict', 'compile', '-o', dic, '--dic-dir', oracleDic, join(tmp.dir, 'rt.csv')])).code).toBe(0);
    const d = await runCli(['dict', 'dump', dic]);
    expect(d.code).toBe(0);
    const dumped = d.out.toString('utf8');
    expect(dumped).toContain('뉴진스,1786,3545,');
    expect(Buffer.from(await ours([dumped])).equals(readFileSync(dic))).toBe(true);
    const native = nativeCompile(tmp.dir, [dumped], 'rt-native.dic');
    expect(native.dic!.equals(readFileSync(dic))).toBe(true);
  });

  it.skipIf(process.env.MBBPE_SOAK !== '1')('system dictionary: dump → compile = sys.dic (soak)', async () => {
    const sys = readFileSync(join(oracleDic, 'sys.dic'));
    const defs = await readDicDefs(oracleDic);
    const entries: DicEntry[] = [];
    parseCsv({ name: 'sys.csv', bytes: dumpDictionary(new DicLexicon(sys, 'sys.dic', 0)) }, defs, {}, entries);
    const again = writeDic(entries, { lsize: defs.lsize, rsize: defs.rsize, file: 'sys.csv', type: 0, charset: 'UTF-8' });
    expect(Buffer.from(again).equals(sys)).toBe(true);
  }, 600_000);
});

describe('MeCab tokenizeCSV', () => {
  it('the fast path for unquoted lines = the byte emulation of the C code', () => {
    const text = fc.array(fc.constantFrom('a', 'b', ',', ' ', '\t', '가', '😀', '\r'), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 8 }), (s, max) => {
        expect(tokenizeCsv(s, max)).toEqual(tokenizeCsvC(s, max));
      }),
      { seed, numRuns: 20000 },
    );
  });

  it('quirks of the C code, spelled out', () => {
    expect(tokenizeCsvC('a,b,', 5)).toEqual(['a', 'b']); // a trailing comma makes no empty field
    expect(tokenizeCsvC('a, ', 5)).toEqual(['a', '']);
    expect(tokenizeCsvC(' a,\t b,c,d,e,f', 5)).toEqual(['a', 'b', 'c', 'd', 'e,f']); // the last field is the rest
    expect(tokenizeCsvC('"a,""b""",c', 5)).toEqual(['a,"b"', 'c']);
    expect(tokenizeCsvC('"ab"xy,c', 5)).toEqual(['ab', 'c']); // text after the closing quote is dropped
    expect(tokenizeCsvC('a,b,c,d,"e,f",g', 5)).toEqual(['a', 'b', 'c', 'd', 'e,f",g']); // unquoted in place, not terminated
  });
});
