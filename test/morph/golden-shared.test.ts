// Differential test against native mecab-ko: `mbbpe segment --format mecab` on every input of
// ../shared/golden/mecab-ko must reproduce the oracle's output byte for byte (zero differing lines).

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sharedFile } from '../support/shared.js';
import { diffLines, runCli } from './cli-io.js';

const cases: [name: string, golden: string, args: string[]][] = [
  ['nsmc-sample', 'nsmc-sample.mecab.gz', []],
  ['precedents-sample', 'precedents-sample.mecab.gz', []],
  ['chatbot', 'chatbot.mecab.gz', []],
  ['klue-dev', 'klue-dev.mecab.gz', []],
  ['news-ko', 'news-ko.mecab.gz', []],
  ['news-ko', 'news-ko.vanilla.mecab.gz', ['--no-space-penalty']],
  ['nsmc-nfc-nfd', 'nsmc-nfc-nfd.mecab.gz', []],
  ['english', 'english.mecab.gz', []],
];

const dir = sharedFile('golden/mecab-ko', 'morph golden parity');

describe.skipIf(dir === null)('segment --format mecab equals native mecab-ko (../shared/golden/mecab-ko)', () => {
  for (const [name, golden, args] of cases) {
    it(`${golden}`, async () => {
      const input = `${dir}/${name}.txt`;
      const want = gunzipSync(readFileSync(`${dir}/${golden}`));
      const { code, out, err } = await runCli(['segment', '--input', input, ...args]);
      expect(err).toBe('');
      expect(code).toBe(0);
      const d = diffLines(out.toString('utf8'), want.toString('utf8'));
      process.stderr.write(`[morph golden] ${golden}: ${d.total} lines compared, ${d.differing} differing\n`);
      expect(d.examples).toEqual([]);
      expect(d.differing).toBe(0);
      expect(Buffer.compare(out, want)).toBe(0);
    });
  }
});
