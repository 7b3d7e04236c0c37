// joinMorphemes (the Polyglot-Ko pre-segmentation) checked against a reconstruction from native
// mecab-ko output: markers exactly where two oracle morphemes touch, whitespace untouched.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { joinMorphemes, MORPHEME_MARKER } from '../../src/morph/marker.js';
import { repoRoot, sharedFile } from '../support/shared.js';
import { analyzer } from './analyzer-load.js';

/** Expected joinMorphemes result rebuilt from the oracle's surfaces for one line. */
function fromOracle(line: string, surfaces: string[], marker: string): string {
  let out = '';
  let pos = 0;
  surfaces.forEach((s, i) => {
    const at = line.indexOf(s, pos);
    if (at < 0) throw new Error(`oracle surface ${JSON.stringify(s)} not found in ${JSON.stringify(line)}`);
    const gap = line.slice(pos, at);
    if (!/^[\t\n\v\r ]*$/.test(gap)) throw new Error(`oracle skipped non-whitespace ${JSON.stringify(gap)}`);
    if (i > 0 && gap === '') out += marker;
    out += gap + s;
    pos = at + s.length;
  });
  return out + line.slice(pos);
}

function pairs(txt: string, mecab: string): [string, string[]][] {
  const lines = txt.split('\n').slice(0, -1);
  const blocks = mecab.split(/EOS\n/).slice(0, -1);
  expect(blocks.length).toBe(lines.length);
  return lines.map((l, i) => [l, blocks[i]!.split('\n').filter(Boolean).map((x) => x.split('\t')[0]!)]);
}

describe('joinMorphemes vs native mecab-ko', () => {
  it('own sentences', async () => {
    const a = await analyzer();
    const dir = `${repoRoot}/test/morph/golden`;
    for (const [line, surfaces] of pairs(readFileSync(`${dir}/sentences.txt`, 'utf8'), readFileSync(`${dir}/sentences.mecab`, 'utf8'))) {
      expect(joinMorphemes(a, line)).toBe(fromOracle(line, surfaces, MORPHEME_MARKER));
      expect(joinMorphemes(a, line, '|')).toBe(fromOracle(line, surfaces, '|'));
    }
  });

  it('nsmc-sample (10k reviews)', async () => {
    const d = sharedFile('golden/mecab-ko', 'morph joinMorphemes');
    if (d === null) return;
    const a = await analyzer();
    const ps = pairs(readFileSync(`${d}/nsmc-sample.txt`, 'utf8'), gunzipSync(readFileSync(`${d}/nsmc-sample.mecab.gz`)).toString('utf8'));
    let differing = 0;
    for (const [line, surfaces] of ps) if (joinMorphemes(a, line) !== fromOracle(line, surfaces, MORPHEME_MARKER)) differing++;
    process.stderr.write(`[morph marker] nsmc-sample: ${ps.length} lines compared, ${differing} differing\n`);
    expect(differing).toBe(0);
  });

  it('documented edge cases: empty, whitespace-only, leading/trailing whitespace kept', async () => {
    const a = await analyzer();
    expect(joinMorphemes(a, '')).toBe('');
    expect(joinMorphemes(a, ' \t ')).toBe(' \t ');
    const j = joinMorphemes(a, '  아버지가 방에  ', '|');
    expect(j.startsWith('  ')).toBe(true);
    expect(j.endsWith('  ')).toBe(true);
    expect(j.replaceAll('|', '')).toBe('  아버지가 방에  ');
  });
});
