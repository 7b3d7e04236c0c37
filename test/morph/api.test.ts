// The analyser's public API checked against native mecab-ko output (the oracle goldens): fields of
// analyze(), the KoNLPy-style helpers, offsets, options, and the `mbbpe/node` entry.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as neutral from '../../src/index.js';
import * as node from '../../src/node.js';
import { repoRoot, sharedFile } from '../support/shared.js';
import { analyzer, mecabFromApi } from './analyzer-load.js';

const dir = `${repoRoot}/test/morph/golden`;
const lines = readFileSync(`${dir}/sentences.txt`, 'utf8').split('\n').slice(0, -1);
/** The oracle's analysis of each sentence: [surface, feature][] */
const oracleLines: [string, string][][] = readFileSync(`${dir}/sentences.mecab`, 'utf8')
  .split(/EOS\n/)
  .slice(0, -1)
  .map((block) => block.split('\n').filter(Boolean).map((l) => l.split('\t') as [string, string]));

describe('Analyzer API vs the oracle goldens', () => {
  it('has one oracle analysis per sentence', () => expect(oracleLines.length).toBe(lines.length));

  it('analyze(): surface, feature, 8 features, pos = field 0, offsets slice the input', async () => {
    const a = await analyzer();
    lines.forEach((line, i) => {
      const ms = a.analyze(line);
      const want = oracleLines[i]!;
      expect(ms.map((m) => [m.surface, m.feature])).toEqual(want);
      for (const m of ms) {
        expect(line.slice(m.start, m.end)).toBe(m.surface);
        expect(m.features).toHaveLength(8);
        expect(m.features.join(',')).toBe(m.feature);
        expect(m.pos).toBe(m.feature.split(',')[0]);
        expect(JSON.parse(JSON.stringify(m))).toEqual({ surface: m.surface, pos: m.pos, features: m.features, start: m.start, end: m.end });
      }
    });
  });

  it('pos(), morphs(), nouns() follow the KoNLPy definitions', async () => {
    const a = await analyzer();
    lines.forEach((line, i) => {
      const want = oracleLines[i]!;
      expect(a.morphs(line)).toEqual(want.map(([s]) => s));
      expect(a.pos(line)).toEqual(want.map(([s, f]) => [s, f.split(',')[0]]));
      expect(a.nouns(line)).toEqual(want.filter(([, f]) => f.startsWith('N')).map(([s]) => s));
    });
  });

  it('unknown words are flagged (UNKNOWN / SL / SY … come from unk.dic)', async () => {
    const a = await analyzer();
    const ms = a.analyze('뷁뷁 abc 😀');
    expect(ms.map((m) => m.isUnknown)).toEqual(ms.map((m) => ['UNKNOWN', 'SL', 'SY'].includes(m.pos)));
  });

  it("normalize: 'NFC' makes NFD Hangul analyse like the NFC text (nsmc-nfc-nfd golden)", async () => {
    const d = sharedFile('golden/mecab-ko', 'morph NFC option');
    if (d === null) return;
    const input = readFileSync(`${d}/nsmc-nfc-nfd.txt`, 'utf8').split('\n').slice(0, -1);
    const want = gunzipSync(readFileSync(`${d}/nsmc-nfc-nfd.mecab.gz`)).toString('utf8').split(/(?<=EOS\n)/);
    const half = input.length / 2;
    expect(input[half]).not.toBe(input[0]);
    expect(input[half]!.normalize('NFC')).toBe(input[0]);
    const nfc = await analyzer(true, 'NFC');
    const plain = await analyzer(true, 'none');
    for (let i = 0; i < 300; i++) {
      expect(mecabFromApi(nfc, input[half + i]!)).toBe(want[i]); // NFD line, analysed as NFC
      expect(mecabFromApi(plain, input[half + i]!)).toBe(want[half + i]); // default: no normalisation
    }
  });

  it('exports: neutral Analyzer has fromBuffers only; mbbpe/node adds NodeAnalyzer.load()', async () => {
    expect(typeof neutral.Analyzer.fromBuffers).toBe('function');
    expect('load' in neutral.Analyzer).toBe(false);
    expect(node.Analyzer).toBe(neutral.Analyzer);
    const a = await node.NodeAnalyzer.load({ spacePenalty: false });
    expect(a).toBeInstanceOf(neutral.Analyzer);
    expect(a.options).toEqual({ spacePenalty: false, normalize: 'none' });
    const b = node.NodeAnalyzer.fromBuffers(a.dictionary.buffers);
    expect(b).toBeInstanceOf(node.NodeAnalyzer);
    expect(b.morphs('아버지가방에들어가신다')).toEqual(oracleLines[0]!.map(([s]) => s));
  });
});
