// The re-ordered connection matrix (src/morph/cost-layout.ts) is a speed device only: every cost
// must be the same number, and an analyser that switched layouts early must still reproduce native
// mecab-ko byte for byte (../shared goldens) and match the file layout on generated input.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CostLayout } from '../../src/morph/cost-layout.js';
import type { MorphDictionary } from '../../src/morph/dictionary.js';
import { Viterbi } from '../../src/morph/viterbi.js';
import { sharedFile } from '../support/shared.js';
import { analyzer } from './analyzer-load.js';
import { diffLines } from './cli-io.js';

const seed = Number(process.env.MBBPE_FC_SEED ?? Date.now() % 2 ** 31);
process.stderr.write(`[morph layout] fast-check seed ${seed} (replay with MBBPE_FC_SEED=${seed})\n`);

/** MeCab default output of `input` built from raw Viterbi paths (independent of format.ts). */
function mecabOutput(v: Viterbi, dict: MorphDictionary, input: Buffer): string {
  const parts: Buffer[] = [];
  let p = 0;
  while (p < input.length) {
    let nl = input.indexOf(0x0a, p);
    if (nl < 0) nl = input.length;
    let line = input.subarray(p, nl);
    const nul = line.indexOf(0);
    if (nul >= 0) line = line.subarray(0, nul);
    const path = v.run(line);
    for (let i = 0; i < path.length; i++) {
      const t = path.token[i]!;
      parts.push(line.subarray(path.start[i]!, path.end[i]!), Buffer.from('\t'));
      parts.push(Buffer.from(dict.featureBytes(t)), Buffer.from('\n'));
    }
    parts.push(Buffer.from('EOS\n'));
    p = nl + 1;
  }
  return Buffer.concat(parts).toString('utf8');
}

describe('CostLayout', () => {
  it('byUse keeps every (rc, lc) cost, merges only equal lines, puts the most used first', async () => {
    const m = (await analyzer()).dictionary.matrix;
    const lcUse = new Float64Array(m.rsize).map((_, i) => (i * 7919) % 101);
    const rcUse = new Float64Array(m.lsize).map((_, i) => (i * 104729) % 97);
    const l = CostLayout.byUse(m, lcUse, rcUse);
    let bad = 0;
    for (let lc = 0; lc < m.rsize; lc++) {
      for (let rc = 0; rc < m.lsize; rc++) {
        if (l.costs[l.col[rc]! + l.width * l.row[lc]!] !== m.costs[rc + m.lsize * lc]) bad++;
      }
    }
    expect(bad).toBe(0);
    // Distinct lines of the file (counted independently, as strings) = lines of the layout.
    const rows = new Set<string>();
    for (let lc = 0; lc < m.rsize; lc++) rows.add(m.costs.subarray(lc * m.lsize, (lc + 1) * m.lsize).join());
    const cols = new Set<string>();
    for (let rc = 0; rc < m.lsize; rc++) cols.add(Array.from({ length: m.rsize }, (_, lc) => m.costs[rc + m.lsize * lc]).join());
    expect(new Set(l.row).size).toBe(rows.size);
    expect(new Set(l.col).size).toBe(cols.size);
    expect(l.width).toBe(cols.size);
    expect(l.costs.length).toBe(rows.size * cols.size);
    process.stderr.write(`[morph layout] matrix ${m.rsize} × ${m.lsize} → ${rows.size} × ${cols.size} distinct rows × columns\n`);
    // Row 0 and column 0 belong to the most used classes.
    const rowUse = new Map<number, number>();
    for (let lc = 0; lc < m.rsize; lc++) rowUse.set(l.row[lc]!, (rowUse.get(l.row[lc]!) ?? 0) + lcUse[lc]!);
    expect(Math.max(...rowUse.values())).toBe(rowUse.get(0));
    const colUse = new Map<number, number>();
    for (let rc = 0; rc < m.lsize; rc++) colUse.set(l.col[rc]!, (colUse.get(l.col[rc]!) ?? 0) + rcUse[rc]!);
    expect(Math.max(...colUse.values())).toBe(colUse.get(0));
  });
});

const dir = sharedFile('golden/mecab-ko', 'morph layout parity');

describe.skipIf(dir === null)('an early relayout still equals native mecab-ko', () => {
  const cases: [string, string, boolean][] = [
    ['nsmc-sample', 'nsmc-sample.mecab.gz', true],
    ['klue-dev', 'klue-dev.mecab.gz', true],
    ['news-ko', 'news-ko.vanilla.mecab.gz', false],
  ];
  for (const [name, golden, penalty] of cases) {
    it(golden, async () => {
      const a = await analyzer(penalty);
      // Switch after 3000 lattice positions: most of the file runs on the re-ordered matrix.
      const v = new Viterbi(a.dictionary, penalty, 3000);
      const out = mecabOutput(v, a.dictionary, readFileSync(`${dir}/${name}.txt`));
      const want = gunzipSync(readFileSync(`${dir}/${golden}`)).toString('utf8');
      const d = diffLines(out, want);
      process.stderr.write(`[morph layout] ${golden} (relayout after 3000 positions): ${d.total} lines compared, ${d.differing} differing\n`);
      expect(d.examples).toEqual([]);
      expect(d.differing).toBe(0);
    });
  }

  it('re-ordered and file layouts give the same paths on generated text', async () => {
    const a = await analyzer();
    const warm = readFileSync(`${dir}/nsmc-sample.txt`).subarray(0, 200_000);
    const fresh = new Viterbi(a.dictionary, true, Infinity);
    const moved = new Viterbi(a.dictionary, true, 1000);
    mecabOutput(moved, a.dictionary, warm); // count use, then switch on the next sentence
    const pieces = ['가', '나', '는', '을', '하', '였', '다', '영화', '재밌', '었', ' ', '  ', 'ㅋㅋ', 'a', 'ABC', '1', '!', '.', '😀', '\t'];
    const text = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 3 })), { maxLength: 40 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, (s) => {
        const bytes = Buffer.from(s);
        const p = moved.run(bytes);
        const got = Array.from(p.token.subarray(0, p.length)).join() + '|' + Array.from(p.end.subarray(0, p.length)).join();
        const q = fresh.run(bytes);
        const want = Array.from(q.token.subarray(0, q.length)).join() + '|' + Array.from(q.end.subarray(0, q.length)).join();
        expect(got).toBe(want);
      }),
      { seed, numRuns: 1000 },
    );
  });
});
