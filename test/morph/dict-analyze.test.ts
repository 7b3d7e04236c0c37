// Analysis with user dictionaries against native `mecab-ko -u`: the same compiled dictionaries
// (made by native mecab-dict-index) loaded by `mbbpe segment --user-dic` and `Analyzer.load`,
// CSV files compiled at load, `addWords`, several dictionaries in order, on sampled lines of every
// corpus in ../shared/corpora (plus lines that use the user words) and fast-check text; and without
// user dictionaries on the same lines. MBBPE_FC_SEED replays the fast-check part.

import { closeSync, openSync, readdirSync, readSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeAnalyzer as Analyzer } from '../../src/morph/load-node.js';
import { ByteSink } from '../../src/morph/format.js';
import { formatLines } from '../../src/morph/lines.js';
import { sharedRoot } from '../support/shared.js';
import { runCli, diffLines } from './cli-io.js';
import { haveDictOracle, nativeAnalyse, nativeCompile, oracleDic, realLookingCsv, tempDir } from './dict-support.js';

const ok = haveDictOracle('analysis with user dictionaries vs mecab-ko -u');
const seed = Number(process.env.MBBPE_FC_SEED ?? Date.now() % 2 ** 31);
process.stderr.write(`[dict-analyze] fast-check seed ${seed} (replay with MBBPE_FC_SEED=${seed})\n`);
const tmp = tempDir();
afterAll(() => tmp.done());

// A second dictionary that competes with common system words (so order and participation matter),
// with a surface holding a space and one that re-defines a user word of the first dictionary.
const second = [
  '사람,,,-3000,NNP,*,T,사람,*,*,*,*',
  '영화,,,-2500,NNG,*,F,영화,*,*,*,*',
  '뉴진스,,,-4000,NNP,인명,F,뉴진스,*,*,*,*',
  '뉴 진스,,,-9000,NNP,*,F,뉴진스,*,*,*,*',
  '있다,,,-100,VA,*,F,있다,*,*,*,*',
  '는데,,,-2000,EC,*,F,는데,*,*,*,*',
  '재밌,,,-1500,VA,*,T,재밌,*,*,*,*',
  'the,,,-500,SL,*,*,*,*,*,*,*',
].join('\n') + '\n';

/** Sampled whole lines of a text file: 12 windows of 3 KB spread over the file. */
function sample(path: string): string[] {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  const out: string[] = [];
  try {
    for (let w = 0; w < 12; w++) {
      const buf = Buffer.alloc(3072);
      const n = readSync(fd, buf, 0, 3072, Math.floor((size * w) / 12));
      const lines = buf.subarray(0, n).toString('utf8').split('\n');
      out.push(...lines.slice(1, -1).filter((l) => !l.includes('\uFFFD')));
    }
  } finally {
    closeSync(fd);
  }
  return out;
}

function corpusFiles(): string[] {
  const root = join(sharedRoot, 'corpora');
  try {
    return readdirSync(root).flatMap((d) =>
      readdirSync(join(root, d))
        .filter((f) => f.endsWith('.txt') && !f.startsWith('LICENSE') && !f.includes('manifest'))
        .map((f) => join(root, d, f)),
    );
  } catch {
    if (process.env.CI) throw new Error('../shared/corpora is absent');
    process.stderr.write('\n*** SKIP (dict-analyze corpora): ../shared/corpora is absent ***\n\n');
    return [];
  }
}

function userLines(csv: string): string[] {
  const words = csv.split('\n').filter(Boolean).map((l) => (l.startsWith('"') ? l.slice(1, l.indexOf('",')) : l.slice(0, l.indexOf(','))).trim());
  return words.flatMap((w, i) => [`${w}가 좋아요`, `나는 ${w}를 봤다 ${i}`, `${w}${w} 그리고${w}의 노래`]);
}

let firstDic = '';
let secondDic = '';
let firstCsv = '';
let secondCsv = '';

beforeAll(() => {
  if (!ok) return;
  firstCsv = join(tmp.dir, 'first.csv');
  secondCsv = join(tmp.dir, 'second.csv');
  writeFileSync(firstCsv, realLookingCsv());
  writeFileSync(secondCsv, second);
  const a = nativeCompile(tmp.dir, [realLookingCsv()], 'first.dic');
  const b = nativeCompile(tmp.dir, [second], 'second.dic');
  expect(a.err + b.err).toBe('');
  firstDic = join(tmp.dir, 'first.dic');
  secondDic = join(tmp.dir, 'second.dic');
});

async function ours(input: string, userDic: string[], vanilla = false): Promise<string> {
  const args = ['segment', '--dic-dir', oracleDic, ...userDic.flatMap((u) => ['--user-dic', u]), ...(vanilla ? ['--no-space-penalty'] : [])];
  const r = await runCli(args, input);
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return r.out.toString('utf8');
}

describe.skipIf(!ok)('segment --user-dic = native mecab-ko -u', () => {
  it('every corpus (sampled lines) plus lines using the user words: none, one, two dictionaries, .dic and .csv', async () => {
    const files = corpusFiles();
    const input = [...files.flatMap(sample), ...userLines(realLookingCsv()), ...userLines(second)].join('\n') + '\n';
    const settings: [string[], string[]][] = [
      [[], []],
      [[firstDic], [firstDic]],
      [[firstDic, secondDic], [firstDic, secondDic]],
      [[secondDic, firstDic], [secondCsv, firstCsv]], // CSV compiled at load = the native .dic
    ];
    const outputs: string[] = [];
    for (const [native, mine] of settings) {
      const want = nativeAnalyse(input, native).toString('utf8');
      const got = await ours(input, mine);
      const d = diffLines(got, want);
      expect(d.examples, `${native.join(',')}: ${d.differing}/${d.total} lines differ`).toEqual([]);
      outputs.push(want);
    }
    // The user dictionaries did change the analysis (else this test could not fail).
    const sentences = (o: string) => o.split('EOS\n');
    const differ = (x: string, y: string) => sentences(x).filter((s, i) => s !== sentences(y)[i]).length;
    const changed = differ(outputs[1]!, outputs[0]!);
    expect(changed).toBeGreaterThan(100);
    expect(differ(outputs[2]!, outputs[1]!)).toBeGreaterThan(100);
    process.stderr.write(`[dict-analyze] ${input.split('\n').length - 1} lines; ${changed} analysed differently with one user dic, ${differ(outputs[2]!, outputs[1]!)} more with two\n`);
  }, 600_000);

  it('dictionary order decides ties, as in MeCab', async () => {
    const tieA = '동점단어,1786,3545,0,NNP,*,T,A,*,*,*,*\n';
    const tieB = '동점단어,1786,3545,0,NNP,*,T,B,*,*,*,*\n';
    writeFileSync(join(tmp.dir, 'tieA.csv'), tieA);
    writeFileSync(join(tmp.dir, 'tieB.csv'), tieB);
    nativeCompile(tmp.dir, [tieA], 'tieA.dic');
    nativeCompile(tmp.dir, [tieB], 'tieB.dic');
    const input = '동점단어\n동점단어가 왔다\n';
    const [a, b] = [join(tmp.dir, 'tieA.dic'), join(tmp.dir, 'tieB.dic')];
    const ab = nativeAnalyse(input, [a, b]).toString('utf8');
    const ba = nativeAnalyse(input, [b, a]).toString('utf8');
    expect(ab).not.toBe(ba);
    expect(await ours(input, [a, b])).toBe(ab);
    expect(await ours(input, [join(tmp.dir, 'tieB.csv'), join(tmp.dir, 'tieA.csv')])).toBe(ba);
  });

  it('vanilla (no space penalty) with two dictionaries', async () => {
    const input = [...userLines(realLookingCsv()), ...userLines(second)].join('\n') + '\n';
    const want = nativeAnalyse(input, [firstDic, secondDic], true).toString('utf8');
    expect(await ours(input, [firstDic, secondDic], true)).toBe(want);
  });

  it('Analyzer.load({ userDic }) and addWords through the API', async () => {
    const input = userLines(second).concat(userLines(realLookingCsv()).slice(0, 300));
    const want = nativeAnalyse(input.join('\n') + '\n', [firstDic, secondDic]).toString('utf8');
    const viaLoad = await Analyzer.load({ dicDir: oracleDic, userDic: [firstDic, secondCsv] });
    const viaAdd = await Analyzer.load({ dicDir: oracleDic, userDic: [firstCsv] });
    viaAdd.addWords(second.split('\n').filter(Boolean));
    for (const a of [viaLoad, viaAdd]) {
      const sink = new ByteSink();
      formatLines(a, 'mecab', new TextEncoder().encode(input.join('\n') + '\n'), sink);
      expect(Buffer.from(sink.take()).toString('utf8')).toBe(want);
      const m = a.analyze('뉴진스 노래를 들었다');
      expect(m[0]).toMatchObject({ surface: '뉴진스', pos: 'NNP', isUnknown: false });
    }
    // Object entries: ids filled from the feature.
    const b = await Analyzer.load({ dicDir: oracleDic });
    expect(b.morphs('르세라핌이 왔다')[0]).not.toBe('르세라핌');
    b.addWords([{ surface: '르세라핌', feature: ['NNP', '*', 'T', '르세라핌', '*', '*', '*', '*'], cost: -100 }]);
    expect(b.morphs('르세라핌이 왔다')[0]).toBe('르세라핌');
  });

  it('fast-check text mixing user words with random Korean/Latin/space', async () => {
    const words = realLookingCsv().split('\n').filter(Boolean).slice(0, 120).map((l) => l.slice(0, l.indexOf(','))).concat(['사람', '영화', '뉴 진스', '는데']);
    const piece = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...words.filter((w) => !w.startsWith('"'))) },
      { weight: 4, arbitrary: fc.constantFrom('가', '는', '을', '이', '의', '에서', '했다', '입니다', ' ', ' ', '  ', '\t', 'a', '1', '😀', ',') },
      { weight: 1, arbitrary: fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCodePoint(c)) },
    );
    const text = fc.array(fc.array(piece, { maxLength: 20 }).map((p) => p.join('')), { minLength: 1, maxLength: 30 });
    await fc.assert(
      fc.asyncProperty(text, async (ls) => {
        const input = ls.join('\n') + '\n';
        expect(await ours(input, [firstDic, secondDic])).toBe(nativeAnalyse(input, [firstDic, secondDic]).toString('utf8'));
      }),
      { seed, numRuns: 15 },
    );
  }, 600_000);
});
