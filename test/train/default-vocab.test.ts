import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Tokenizer } from '../../src/tokenizer.js';
import { train } from '../../src/train/train.js';
import { repoRoot, sharedFile } from '../support/shared.js';
import { hf } from './hf-reference.js';
import { corpusSamples } from './samples.js';

const file = resolve(repoRoot, 'vocab/mbbpe-ko-30k/tokenizer.json');
const text = readFileSync(file, 'utf8');
const json = JSON.parse(text) as Record<string, unknown> & { model: { vocab: Record<string, number>; merges: unknown[] }; added_tokens: Array<{ id: number; content: string }> };
const published = sharedFile('vocab/polyglot-ko/tokenizer.json', 'default vocab: published pipeline');
const samples = corpusSamples(30_000, 'default vocab encodes like tokenizers');

describe('vocab/mbbpe-ko-30k/tokenizer.json', () => {
  it('has the Polyglot-Ko layout: 30,003 ids, specials at 0-3 and 30000-30002', () => {
    expect(Object.keys(json.model.vocab).length).toBe(30000);
    expect(json.model.merges.length).toBe(29740);
    expect(json.added_tokens.map((a) => [a.id, a.content])).toEqual([
      [0, '<|unused0|>'], [1, '<|unused1|>'], [2, '<|endoftext|>'], [3, '<|sep|>'],
      [30000, '<|acc|>'], [30001, '<|tel|>'], [30002, '<|rrn|>'],
    ]);
    expect(hf.Tokenizer.fromString(text).getVocabSize(true)).toBe(30003);
  });

  it.skipIf(published === null)('has the published Polyglot-Ko pipeline', () => {
    const pub = JSON.parse(readFileSync(published!, 'utf8')) as Record<string, unknown>;
    for (const k of ['normalizer', 'pre_tokenizer', 'post_processor', 'decoder']) expect([k, json[k]]).toEqual([k, pub[k]]);
  });

  it('encodes every corpus sample line like tokenizers does, in our runtime', async () => {
    const theirs = hf.Tokenizer.fromString(text);
    const ours = Tokenizer.fromJSON(text);
    let n = 0;
    for (const s of samples) {
      const lines = s.text.split('\n').filter(Boolean);
      const encs = await theirs.encodeBatch(lines);
      lines.forEach((l, i) => expect(ours.encode(l).ids).toEqual(encs[i]!.getIds()));
      n += lines.length;
    }
    process.stderr.write(`default vocab: ${n} lines encoded identically\n`);
  });

  // Minutes of MeCab on 85 MB: only on request.
  it.runIf(process.env.MBBPE_SOAK === '1')('is reproduced byte for byte by the command in its README', async () => {
    const nsmc = sharedFile('corpora/nsmc/nsmc_raw_reviews.txt', 'default vocab rebuild');
    const prec = sharedFile('corpora/korean-precedents/precedents_paragraphs.txt', 'default vocab rebuild');
    if (!nsmc || !prec) return;
    const dir = mkdtempSync(join(tmpdir(), 'mbbpe-vocab-'));
    const headLines = (src: string, n: number, dst: string) => {
      const ls = readFileSync(src, 'utf8').split('\n');
      writeFileSync(dst, ls.slice(0, n).join('\n') + '\n');
    };
    headLines(nsmc, 692383, join(dir, 'nsmc-train.txt'));
    headLines(prec, 90615, join(dir, 'precedents-train.txt'));
    const out = join(dir, 'tokenizer.json');
    await train({ input: [join(dir, 'nsmc-train.txt'), join(dir, 'precedents-train.txt')], output: out, preset: 'polyglot-ko', segment: 'mecab' });
    expect(readFileSync(out, 'utf8')).toBe(text);
  }, 1_800_000);
});
