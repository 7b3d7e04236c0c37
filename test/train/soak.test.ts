// Full-size parity, only with MBBPE_SOAK=1 (minutes of CPU): train() --preset hf-defaults
// --segment none on 20 MB of NSMC and of court precedents, against tokenizers' Tokenizer.train.
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { train } from '../../src/train/train.js';
import { sharedFile } from '../support/shared.js';
import { HF_VERSION, hfTrain } from './hf-reference.js';

const soak = process.env.MBBPE_SOAK === '1';
const dir = mkdtempSync(join(tmpdir(), 'mbbpe-soak-'));

function head(path: string, bytes: number, dst: string): void {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(bytes);
  const n = readSync(fd, buf, 0, bytes, 0);
  closeSync(fd);
  const nl = buf.subarray(0, n).lastIndexOf(0x0a);
  writeFileSync(dst, n < bytes || nl < 0 ? buf.subarray(0, n) : buf.subarray(0, nl + 1));
}

describe.runIf(soak)(`soak: 20 MB corpora vs tokenizers@${HF_VERSION}`, () => {
  for (const rel of ['corpora/nsmc/nsmc_raw_reviews.txt', 'corpora/korean-precedents/precedents_paragraphs.txt']) {
    it(`${rel}: identical tokenizer.json`, async () => {
      const src = sharedFile(rel, 'train soak');
      if (!src) return;
      const file = join(dir, rel.replace(/\//g, '-'));
      head(src, 20_000_000, file);
      const out = join(dir, 'out.json');
      await train({ input: [file], output: out, preset: 'hf-defaults', segment: 'none', threads: 2 });
      expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(hfTrain([file]).json);
    }, 1_200_000);
  }
});
