// `mbbpe export --format tiktoken` in-process: the files it writes load into tiktoken and js-tiktoken
// and give the reference's ids; bad arguments exit 2; an inexpressible tokenizer exits 1 with the reason.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tiktoken as JsTiktoken } from 'js-tiktoken/lite';
import { Tiktoken } from 'tiktoken';
import { Tokenizer as Reference } from 'tokenizers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/dispatch.js';
import { NodeTokenizer } from '../../src/node.js';
import { repoRoot, sharedFile } from '../support/shared.js';
import { sampleLines } from '../export/support.js';
import { memoryIO } from '../support/cli-io.js';

const io = memoryIO;

const tokenizerPath = sharedFile('vocab/polyglot-ko/tokenizer.json', 'mbbpe export CLI');
const nsmc = sharedFile('corpora/nsmc/nsmc_raw_reviews.txt', 'mbbpe export CLI');

describe.skipIf(!tokenizerPath || !nsmc)('mbbpe export --format tiktoken', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mbbpe-export-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('writes files that tiktoken and js-tiktoken load and that give the reference ids', async () => {
    const s = io();
    expect(await main(['export', '--format', 'tiktoken', '--tokenizer', tokenizerPath!, '--output', dir], s)).toBe(0);
    expect(s.out()).toMatch(/exported 29996 ranks \+ 7 special tokens/);
    const meta = JSON.parse(await readFile(join(dir, 'polyglot-ko.tiktoken.json'), 'utf8'));
    expect(meta.explicit_n_vocab).toBe(30003);
    const tk = new Tiktoken(await readFile(join(dir, meta.mergeable_ranks), 'utf8'), meta.special_tokens, meta.pat_str);
    const js = new JsTiktoken(JSON.parse(await readFile(join(dir, 'polyglot-ko.js-tiktoken.json'), 'utf8')));
    const ref = Reference.fromFile(tokenizerPath!);
    try {
      const lines = [...sampleLines(nsmc!, 300), '<|endoftext|>안녕ೱ하세요 <|sep|>'];
      const encs = await ref.encodeBatch(lines);
      lines.forEach((line, i) => {
        const want = encs[i]!.getIds();
        expect(Array.from(tk.encode(line, 'all'))).toEqual(want);
        expect(js.encode(line, 'all')).toEqual(want);
      });
    } finally {
      tk.free();
    }
  });

  it('uses --name for the files', async () => {
    const s = io();
    expect(await main(['export', '--format', 'tiktoken', '-t', tokenizerPath!, '-o', dir, '--name', 'pk'], s)).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'pk.tiktoken.json'), 'utf8')).name).toBe('pk');
  });

  it('exits 1 with the reason when tiktoken cannot express the tokenizer', async () => {
    const json = JSON.parse(await readFile(tokenizerPath!, 'utf8'));
    json.normalizer = { type: 'NFC' };
    const bad = join(dir, 'nfc.json');
    await writeFile(bad, JSON.stringify(json));
    const s = io();
    expect(await main(['export', '--format', 'tiktoken', '-t', bad, '-o', join(dir, 'nfc')], s)).toBe(1);
    expect(s.err()).toMatch(/cannot export to tiktoken \(normalizer\) at \$\.normalizer/);
  });

  it('exits 1 on a missing tokenizer file', async () => {
    const s = io();
    expect(await main(['export', '--format', 'tiktoken', '-t', join(dir, 'nope.json'), '-o', dir], s)).toBe(1);
    expect(s.err()).toMatch(/nope\.json/);
  });

  it('without --tokenizer exports the embedded default, and tiktoken then gives our runtime\'s ids', async () => {
    const s = io();
    const out = join(dir, 'default');
    expect(await main(['export', '--format', 'tiktoken', '-o', out], s)).toBe(0);
    const meta = JSON.parse(await readFile(join(out, 'mbbpe-ko-30k.tiktoken.json'), 'utf8'));
    expect(meta.explicit_n_vocab).toBe(30003);
    const tk = new Tiktoken(await readFile(join(out, meta.mergeable_ranks), 'utf8'), meta.special_tokens, meta.pat_str);
    const ours = NodeTokenizer.fromFile(join(repoRoot, 'vocab/mbbpe-ko-30k/tokenizer.json'));
    const ref = Reference.fromFile(join(repoRoot, 'vocab/mbbpe-ko-30k/tokenizer.json'));
    try {
      const lines = [...sampleLines(nsmc!, 300), '<|endoftext|>안녕ೱ하세요 <|tel|>'];
      const encs = await ref.encodeBatch(lines);
      lines.forEach((line, i) => {
        expect(Array.from(tk.encode(line, 'all'))).toEqual(encs[i]!.getIds());
        expect(ours.encode(line).ids).toEqual(encs[i]!.getIds());
      });
    } finally {
      tk.free();
    }
  });

  it('exits 2 with usage on bad arguments', async () => {
    for (const argv of [['export'], ['export', '--format', 'sentencepiece', '-t', 'x', '-o', 'y'], ['export', '--format', 'tiktoken'], ['export', '--bogus']]) {
      const s = io();
      expect(await main(argv, s)).toBe(2);
      expect(s.err()).toMatch(/usage: mbbpe export/);
    }
  });
});
