// dicrc handling: C `strtol(s, 0, 0)` parsing, first-occurrence-wins keys and penalty pairs, and
// `max-grouping-size`, checked against native MeCab run on a dictionary directory with a modified dicrc.

import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDicrc, parseSpacePenalty, strtolBase0 } from '../../src/morph/dicrc.js';
import { NodeAnalyzer, defaultDicDir } from '../../src/morph/load-node.js';
import { repoRoot } from '../support/shared.js';
import { mecabFromApi } from './analyzer-load.js';
import { oracle, oracleDir } from './oracle.js';

describe('dicrc parsing (C semantics)', () => {
  it('strtol base 0: decimal, 0x hex, leading-0 octal, sign, trailing junk', () => {
    expect([strtolBase0('120'), strtolBase0('0x78'), strtolBase0('0170'), strtolBase0(' -5'), strtolBase0('12abc'), strtolBase0('')]).toEqual([120, 120, 120, -5, 12, 0]);
  });
  it('first occurrence of a key wins; comments and blank lines are skipped', () => {
    const m = parseDicrc('; c\n# c\n\nkey = a\nkey = b\n  other=  x y  \n');
    expect(m.get('key')).toBe('a');
    expect(m.get('other')).toBe('x y');
  });
  it('first pair for a posid wins', () => {
    expect([...parseSpacePenalty('120,0,120,6000,100,3000')]).toEqual([[120, 0], [100, 3000]]);
  });
});

const ora = oracle('morph dicrc differential');
describe.skipIf(ora === null)('modified dicrc vs native MeCab on the same dictionary directory', () => {
  // [name, dicrc lines prepended, does the analysis differ from the stock dicrc?]
  const variants: [string, string, boolean][] = [
    ['first-wins-hex', 'left-space-penalty-factor = 0x78,0,120,6000,0144,9000,172,3000\n', true],
    // The mecab program sets max-grouping-size = 24 before reading dicrc; first value wins.
    ['grouping-3-ignored', 'max-grouping-size = 3\n', false],
  ];
  const input = readFileSync(`${repoRoot}/test/morph/golden/sentences.txt`, 'utf8');
  const lines = input.split('\n').slice(0, -1);
  for (const [name, extra, differs] of variants) {
    it(name, async () => {
      const dir = join(repoRoot, '.cache/morph-dicrc', name);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      for (const f of ['sys.dic', 'unk.dic', 'matrix.bin', 'char.bin']) symlinkSync(join(defaultDicDir(), f), join(dir, f));
      let orig = readFileSync(join(defaultDicDir(), 'dicrc'), 'utf8');
      if (extra.startsWith('left-space')) orig = orig.replace(/^left-space-penalty-factor.*$/m, '');
      writeFileSync(join(dir, 'dicrc'), extra + orig);
      writeFileSync(join(dir, 'mecabrc'), `dicdir = ${dir}\nkorean = 1\n`);
      const want = execFileSync(join(oracleDir, 'mecab'), ['-r', join(dir, 'mecabrc'), '-b', '67108864'], { input }).toString('utf8');
      const a = await NodeAnalyzer.load({ dicDir: dir });
      expect(lines.map((l) => mecabFromApi(a, l)).join('')).toBe(want);
      const std = await NodeAnalyzer.load();
      const same = lines.map((l) => mecabFromApi(std, l)).join('') === want;
      expect(same).toBe(!differs);
    });
  }
});
