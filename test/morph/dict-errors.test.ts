// Bad user-dictionary input: each case is a DictionaryFormatError naming the file, line and field
// (or the byte offset of a binary header), raised before any analysis; `dict compile` writes
// nothing (an existing output stays as it was) and prints one stderr line. Where native
// mecab-dict-index also refuses the input, that is checked too.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileUserDictionary } from '../../src/morph/dict/compile.js';
import { readDicDefs } from '../../src/morph/dict/load-node.js';
import { DictionaryFormatError } from '../../src/morph/errors.js';
import { NodeAnalyzer as Analyzer } from '../../src/morph/load-node.js';
import { runCli } from './cli-io.js';
import { haveDictOracle, nativeCompile, oracleDic, tempDir } from './dict-support.js';

const ok = haveDictOracle('dict errors');
const tmp = tempDir();
afterAll(() => tmp.done());
const good = '뉴진스,,,0,NNP,*,F,뉴진스,*,*,*,*\n';

async function compileError(csv: string): Promise<DictionaryFormatError> {
  const defs = await readDicDefs(oracleDic);
  try {
    compileUserDictionary([{ name: 'user.csv', bytes: new TextEncoder().encode(csv) }], defs);
  } catch (e) {
    expect(e).toBeInstanceOf(DictionaryFormatError);
    return e as DictionaryFormatError;
  }
  throw new Error(`compiled without error: ${JSON.stringify(csv)}`);
}

describe.skipIf(!ok)('bad user dictionaries', () => {
  const cases: [string, string, number, string, RegExp, boolean][] = [
    // name, csv, line, field, message, native refuses too
    ['too few fields', good + '뉴진스,1,2\n', 2, 'cost', /3 fields, expected at least 5/, true],
    ['an empty line', good + '\n' + good, 2, 'surface', /0 fields/, true],
    ['non-integer left id', good + good + '뉴진스,x1,2,0,NNP,*,F,*,*,*,*,*\n', 3, 'left-id', /left-id "x1" is not an integer/, false],
    ['non-integer right id', '뉴진스,1786,35a,0,NNP,*,F,*,*,*,*,*\n', 1, 'right-id', /is not an integer/, false],
    ['non-integer cost', '뉴진스,1786,3545,1.5,NNP,*,F,*,*,*,*,*\n', 1, 'cost', /cost "1.5" is not an integer/, false],
    ['cost outside int16', '뉴진스,1786,3545,40000,NNP,*,F,*,*,*,*,*\n', 1, 'cost', /outside -32768..32767/, false],
    ['left id outside the matrix', '뉴진스,2693,3545,0,NNP,*,F,*,*,*,*,*\n', 1, 'left-id', /not below the matrix's 2693/, true],
    ['no LEFT-ID for the feature', good + '홍길동,,,0,NNG,인명,*,*,*,*,*,*\n', 2, 'feature', /cannot find LEFT-ID for NNG,인명,\*,\*,\*,\*,\*,\*/, true],
    ['no rewrite rule (too few feature fields)', '홍길동,,,0,NNG\n', 1, 'feature', /rewrite.def has no rule/, true],
    ['empty surface', good + ',1786,3545,0,NNP,*,F,*,*,*,*,*\n', 2, 'surface', /empty surface/, false],
    ['unclosed quote', '"뉴진스,1786,3545,0,NNP,*,F,*,*,*,*,*\n', 1, 'surface', /not closed/, false],
    ['text after the closing quote', '"뉴진"스,1786,3545,0,NNP,*,F,*,*,*,*,*\n', 1, 'surface', /not closed/, false],
    ['a line over 8191 bytes', `${'가'.repeat(2800)},1786,3545,0,NNP,*,F,*,*,*,*,*\n`, 1, undefined as never, /mecab-dict-index reads at most 8191/, false],
  ];
  for (const [name, csv, line, field, message, nativeRefuses] of cases) {
    it(name, async () => {
      const e = await compileError(csv);
      expect(e.file).toBe('user.csv');
      expect(e.line).toBe(line);
      expect(e.field).toBe(field);
      expect(e.message).toMatch(message);
      expect(e.message).toContain(`user.csv is invalid at line ${line}`);
      if (nativeRefuses) expect(nativeCompile(tmp.dir, [csv]).dic).toBeNull();
    });
  }

  it('dict compile: one stderr line, exit 1, an existing output untouched, no temp file left', async () => {
    const csv = join(tmp.dir, 'bad.csv');
    writeFileSync(csv, good + '홍길동,,,0,NNG,인명,*,*,*,*,*,*\n');
    const out = join(tmp.dir, 'out', 'user.dic');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(tmp.dir, 'out'));
    writeFileSync(out, 'previous');
    const r = await runCli(['dict', 'compile', '-o', out, '--dic-dir', oracleDic, csv]);
    expect(r.code).toBe(1);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/bad\.csv is invalid at line 2, field feature: cannot find LEFT-ID/);
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(readdirSync(join(tmp.dir, 'out'))).toEqual(['user.dic']);
    const r2 = await runCli(['dict', 'compile', '-o', join(tmp.dir, 'out', 'new.dic'), '--dic-dir', oracleDic, csv]);
    expect(r2.code).toBe(1);
    expect(existsSync(join(tmp.dir, 'out', 'new.dic'))).toBe(false);
    const r3 = await runCli(['dict', 'compile', '-o', join(tmp.dir, 'x.dic'), '--dic-dir', oracleDic, join(tmp.dir, 'missing.csv')]);
    expect(r3.code).toBe(1);
    expect(r3.err).toMatch(/missing\.csv/);
  });

  it('a CSV given to Analyzer.load / segment fails at load, naming file and line', async () => {
    const csv = join(tmp.dir, 'load-bad.csv');
    writeFileSync(csv, good + good + '뉴진스,1786\n');
    await expect(Analyzer.load({ dicDir: oracleDic, userDic: [csv] })).rejects.toMatchObject({ name: 'DictionaryFormatError', file: csv, line: 3 });
    const r = await runCli(['segment', '--dic-dir', oracleDic, '--user-dic', csv], '뉴진스\n');
    expect(r.code).toBe(1);
    expect(r.out.length).toBe(0); // nothing analysed
    expect(r.err).toMatch(/load-bad\.csv is invalid at line 3/);
  });

  it('a compiled user dictionary of another charset, version, type or matrix is refused at load', async () => {
    const made = nativeCompile(tmp.dir, [good], 'base.dic');
    const base = made.dic!;
    const variant = (name: string, edit: (b: Buffer) => void): string => {
      const b = Buffer.from(base);
      edit(b);
      const p = join(tmp.dir, name);
      writeFileSync(p, b);
      return p;
    };
    const euc = variant('euc.dic', (b) => b.write('euc-jp\0', 40, 'latin1'));
    const v101 = variant('v101.dic', (b) => b.writeUInt32LE(101, 4));
    const sys = variant('sys.dic', (b) => b.writeUInt32LE(0, 8));
    const small = variant('small.dic', (b) => b.writeUInt32LE(100, 16));
    const cut = join(tmp.dir, 'cut.dic');
    writeFileSync(cut, base.subarray(0, base.length - 8));
    for (const [p, msg] of [[euc, /charset "euc-jp"/], [v101, /version 101/], [sys, /type 0, expected 1/], [small, /outside the 2693 × 100 matrix/], [cut, /magic/]] as const) {
      await expect(Analyzer.load({ dicDir: oracleDic, userDic: [p] })).rejects.toThrow(msg);
      await expect(Analyzer.load({ dicDir: oracleDic, userDic: [p] })).rejects.toBeInstanceOf(DictionaryFormatError);
    }
  });
});
