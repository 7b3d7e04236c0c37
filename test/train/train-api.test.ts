import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { train } from '../../src/train/train.js';
import { NodeAnalyzer } from '../../src/morph/load-node.js';
import { joinMorphemes } from '../../src/morph/marker.js';
import { Tokenizer } from '../../src/tokenizer.js';
import { sharedFile } from '../support/shared.js';
import { HF_VERSION, hf, hfTrain, linesWithEnding } from './hf-reference.js';
import { corpusSamples } from './samples.js';

const samples = corpusSamples(60_000, 'train API parity');
const out = mkdtempSync(join(tmpdir(), 'mbbpe-train-'));
const published = sharedFile('vocab/polyglot-ko/tokenizer.json', 'train API: published pipeline');

describe(`train() --preset hf-defaults --segment none vs tokenizers@${HF_VERSION} Tokenizer.train`, () => {
  for (const s of samples) {
    it(`${s.name}: the whole tokenizer.json is equal`, async () => {
      const output = join(out, `hf-${s.name.replace('/', '-')}.json`);
      const sum = await train({ input: [s.file], output, preset: 'hf-defaults', segment: 'none' });
      const ours = JSON.parse(readFileSync(output, 'utf8')) as unknown;
      expect(ours).toEqual(hfTrain([s.file]).json);
      expect(sum.invalidLines).toBe(0);
      expect(sum.lines).toBe(linesWithEnding(s.text).length);
    });
  }
});

describe('train() --preset polyglot-ko --segment none', () => {
  const chosen = samples.filter((s) => /nsmc_raw|klue|precedents|news_en/.test(s.name));
  for (const s of chosen) {
    it(`${s.name}: layout, merges equal the reference's, loads and encodes like tokenizers`, async () => {
      const output = join(out, `pg-${s.name.replace('/', '-')}.json`);
      await train({ input: [s.file], output, preset: 'polyglot-ko', segment: 'none' });
      const text = readFileSync(output, 'utf8');
      const j = JSON.parse(text) as { model: { vocab: Record<string, number>; merges: Array<[string, string]> }; added_tokens: Array<{ id: number; content: string }> };
      const ref = hfTrain([s.file]);
      // Specials and the full byte alphabet only shift ids (order kept), so the merges are the reference's.
      expect(j.model.merges).toEqual(ref.merges.slice(0, 30000 - 260));
      const vocab = Object.entries(j.model.vocab).sort((a, b) => a[1] - b[1]).map(([t]) => t);
      expect(vocab.slice(0, 4)).toEqual(['<|unused0|>', '<|unused1|>', '<|endoftext|>', '<|sep|>']);
      expect(vocab.slice(4, 260)).toEqual([...hf.byteLevelAlphabet()].sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!));
      expect(j.added_tokens.map((a) => [a.id, a.content])).toEqual([
        [0, '<|unused0|>'], [1, '<|unused1|>'], [2, '<|endoftext|>'], [3, '<|sep|>'],
        [vocab.length, '<|acc|>'], [vocab.length + 1, '<|tel|>'], [vocab.length + 2, '<|rrn|>'],
      ]);
      // Loads in the reference and in our runtime; both encode every sample line the same.
      const theirs = hf.Tokenizer.fromString(text);
      const mine = Tokenizer.fromJSON(text);
      for (const line of linesWithEnding(s.text).slice(0, 300)) {
        const e = await theirs.encode(line);
        expect(mine.encode(line).ids).toEqual(e.getIds());
      }
    });
  }

  it.skipIf(published === null)('pipeline section equals the published Polyglot-Ko file', async () => {
    const output = join(out, 'pg-pipeline.json');
    await train({ input: [samples[0]!.file], output, preset: 'polyglot-ko', segment: 'none' });
    const ours = JSON.parse(readFileSync(output, 'utf8')) as Record<string, unknown>;
    const pub = JSON.parse(readFileSync(published!, 'utf8')) as Record<string, unknown>;
    for (const k of ['normalizer', 'pre_tokenizer', 'post_processor', 'decoder', 'truncation', 'padding']) expect([k, ours[k]]).toEqual([k, pub[k]]);
    const strip = (a: unknown) => (a as Array<Record<string, unknown>>).map(({ id: _id, ...rest }) => rest);
    expect(strip(ours.added_tokens)).toEqual(strip(pub.added_tokens));
  });
});

describe('train() on text that is not UTF-8, or starts with a BOM', () => {
  it('keeps a leading BOM as U+FEFF, as the reference reads it', async () => {
    const file = join(out, 'bom.txt');
    writeFileSync(file, '\ufeff첫 줄\n둘째 줄\n\ufeff셋째\n');
    const output = join(out, 'bom.json');
    await train({ input: [file], output, preset: 'hf-defaults', segment: 'none' });
    expect(JSON.parse(readFileSync(output, 'utf8'))).toEqual(hfTrain([file]).json);
  });

  it('decodes with U+FFFD, counts the bad lines, trains like the reference on the repaired text', async () => {
    const bad = Buffer.concat([Buffer.from('좋은 영화\n'), Buffer.from([0x61, 0xff, 0x62, 0x0a]), Buffer.from('abc \xed\xa0\x80 x\n', 'latin1'), Buffer.from('끝')]);
    const file = join(out, 'bad.txt');
    writeFileSync(file, bad);
    const repaired = join(out, 'repaired.txt');
    writeFileSync(repaired, new TextDecoder().decode(bad));
    const output = join(out, 'bad.json');
    const sum = await train({ input: [file], output, preset: 'hf-defaults', segment: 'none' });
    expect(sum.invalidLines).toBe(2);
    expect(sum.lines).toBe(4);
    expect(JSON.parse(readFileSync(output, 'utf8'))).toEqual(hfTrain([repaired]).json);
  });
});

describe('marker-joined text (our MeCab segmenter) vs the reference', () => {
  const chosen = samples.filter((s) => /nsmc_raw|klue|precedents|news_ko|chatbot-data\/questions/.test(s.name));
  it('hf-defaults --segment none on the marker-joined files equals tokenizers; --segment mecab on the raw files gives the same', async () => {
    const analyzer = await NodeAnalyzer.load();
    for (const s of chosen) {
      const raw = join(out, `raw-${s.name.replace('/', '-')}`);
      const lines = linesWithEnding(s.text.slice(0, 20_000).replace(/[^\n]*$/, ''));
      writeFileSync(raw, lines.join(''));
      const marked = join(out, `marked-${s.name.replace('/', '-')}`);
      writeFileSync(marked, lines.map((l) => joinMorphemes(analyzer, l.slice(0, -1)) + '\n').join(''));
      expect(readFileSync(marked, 'utf8')).toContain('\u0CF1');
      const viaNone = join(out, 'via-none.json');
      const viaMecab = join(out, 'via-mecab.json');
      await train({ input: [marked], output: viaNone, preset: 'hf-defaults', segment: 'none' });
      await train({ input: [raw], output: viaMecab, preset: 'hf-defaults', segment: 'mecab' });
      expect([s.name, JSON.parse(readFileSync(viaNone, 'utf8'))]).toEqual([s.name, hfTrain([marked]).json]);
      expect(readFileSync(viaMecab, 'utf8')).toBe(readFileSync(viaNone, 'utf8'));
    }
  });
});
