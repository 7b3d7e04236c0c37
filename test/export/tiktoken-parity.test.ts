// Differential test of the tiktoken export: tiktoken (WASM) loaded with exportTiktoken's output must
// give exactly the ids of the reference, Hugging Face `tokenizers` (napi), on real corpus lines, long
// strings and generated text — for both Polyglot-Ko tokenizer.json variants in ../shared/vocab.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Tiktoken as JsTiktoken } from 'js-tiktoken/lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TiktokenExportError } from '../../src/export/errors.js';
import { jsTiktokenRanks } from '../../src/export/js-tiktoken.js';
import { exportTiktoken } from '../../src/export/tiktoken.js';
import { Tokenizer } from '../../src/tokenizer.js';
import { sharedFile } from '../support/shared.js';
import { compare, fcSeed, loadPair, sampleLines, textArb, type Pair } from './support.js';

const CORPORA = [
  'corpora/nsmc/nsmc_raw_reviews.txt',
  'corpora/korean-precedents/precedents_paragraphs.txt',
  'corpora/klue-dev/klue_dev_sentences.txt',
  'corpora/korean-english-news/news_ko.txt',
  'corpora/korean-english-news/news_en.txt',
  'corpora/korean-english-news/news_northkorean_ko.txt',
  'corpora/chatbot-data/questions.txt',
  'corpora/chatbot-data/answers.txt',
  'corpora/english-tinyshakespeare/tinyshakespeare_lines.txt',
  'corpora/nsmc-nfd/nsmc_sample_NFD_DERIVED.txt',
];
// MBBPE_SOAK=1 compares every line of every corpus and runs ten times the generated cases.
const SOAK = process.env.MBBPE_SOAK === '1';
const LINES_PER_CORPUS = SOAK ? Infinity : 2000;
const FC_RUNS = SOAK ? 5000 : 500;
const SOAK_TIMEOUT = SOAK ? 1_800_000 : undefined;

// mbbpe-2022-07 has the same vocab and merges with other added tokens: fewer corpora suffice there.
const VOCABS: Array<[string, string[]]> = [
  ['vocab/polyglot-ko/tokenizer.json', CORPORA],
  ['vocab/mbbpe-2022-07/tokenizer.json', CORPORA.slice(0, 2)],
];

for (const [vocab, corporaForVocab] of VOCABS) {
  const file = sharedFile(vocab, 'tiktoken export parity');
  describe.skipIf(!file)(`tiktoken export of ${vocab} vs tokenizers 0.23.2`, () => {
    let p: Pair;
    beforeAll(() => {
      p = loadPair(readFileSync(file!, 'utf8'));
    });
    afterAll(() => p?.tiktoken.free());

    it('uses the token ids as ranks and keeps every added token as a special token', () => {
      expect(p.exported.nVocab).toBe(30003);
      expect(p.exported.denseIds).toBe(true);
      const added = (p.json.added_tokens as Array<{ content: string; id: number }>).map((t) => [t.content, t.id]);
      expect(Object.entries(p.exported.specialTokens)).toEqual(added);
      // Every vocab entry that is not an added token is a rank, under its own id.
      const vocab = (p.json.model as { vocab: Record<string, number> }).vocab;
      const special = new Set(added.map(([, id]) => id));
      const ranks = p.exported.rankFile.trimEnd().split('\n').map((l) => Number(l.split(' ')[1]));
      expect(ranks).toEqual(Object.values(vocab).filter((id) => !special.has(id)).sort((a, b) => a - b));
    });

    const corpora = corporaForVocab.map((rel) => [rel, sharedFile(rel, 'tiktoken export parity')] as const);
    for (const [rel, path] of corpora) {
      it.skipIf(!path)(`same ids on ${SOAK ? 'all' : LINES_PER_CORPUS} lines of ${rel}`, async () => {
        const r = await compare(p, sampleLines(path!, LINES_PER_CORPUS));
        process.stderr.write(`[tiktoken parity] ${vocab} ${rel}: ${r.compared} lines, ${r.mismatched} mismatches\n`);
        expect(r.examples).toEqual([]);
        expect(r.compared).toBeGreaterThan(100);
      }, SOAK_TIMEOUT);
    }

    it('same ids on a 1 MB precedents string, with morpheme marks and special tokens spliced in', async () => {
      const path = sharedFile('corpora/korean-precedents/precedents_paragraphs.txt', 'tiktoken export parity');
      if (!path) return;
      const text = readFileSync(path, 'utf8').slice(3_000_000, 3_420_000); // ~1 MB of UTF-8
      const spliced = text.replace(/다\./g, '다ೱ.').replace(/\n(?=.)/g, '\n<|endoftext|>').replace(/ 제/g, ' ೱ제');
      for (const t of [text, spliced]) {
        expect(new TextEncoder().encode(t).length).toBeGreaterThan(900_000);
        const r = await compare(p, [t]);
        expect(r.mismatched).toBe(0);
      }
    });

    it('same ids on generated text (fast-check)', async () => {
      const seed = fcSeed('tiktoken parity');
      let total = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(textArb, { minLength: 1, maxLength: 40 }), async (texts) => {
          const r = await compare(p, texts);
          total += r.compared;
          expect(r.examples).toEqual([]);
        }),
        { seed, numRuns: FC_RUNS },
      );
      process.stderr.write(`[tiktoken parity] ${vocab} fast-check: ${total} strings, 0 mismatches\n`);
    });

    it('decodes back to the reference\'s text', async () => {
      const lines = sampleLines(sharedFile('corpora/nsmc/nsmc_raw_reviews.txt', 'tiktoken decode')!, 300);
      for (const line of lines) {
        const ids = p.tiktoken.encode(line, 'all');
        const ours = new TextDecoder().decode(p.tiktoken.decode(ids));
        expect(ours).toBe(await p.reference.decode(Array.from(ids), false));
      }
    });
  });
}

// The pattern is meant to read the same in JS RegExp as in tiktoken's Rust regex: js-tiktoken runs it
// on V8, so this checks the `u`-flag reading of the pattern and the js-tiktoken rank conversion.
const polyglot = sharedFile('vocab/polyglot-ko/tokenizer.json', 'js-tiktoken export parity');
describe.skipIf(!polyglot)('js-tiktoken loaded with jsTiktokenRanks(export) vs tokenizers 0.23.2', () => {
  let p: Pair;
  let js: JsTiktoken;
  beforeAll(() => {
    p = loadPair(readFileSync(polyglot!, 'utf8'));
    js = new JsTiktoken(jsTiktokenRanks(p.exported));
  });
  afterAll(() => p?.tiktoken.free());

  it('same ids on corpus lines', async () => {
    for (const rel of ['corpora/nsmc/nsmc_raw_reviews.txt', 'corpora/korean-english-news/news_en.txt']) {
      const path = sharedFile(rel, 'js-tiktoken export parity');
      if (!path) continue;
      const r = await compare(p, sampleLines(path, 1000), (t) => js.encode(t, 'all'));
      process.stderr.write(`[js-tiktoken parity] ${rel}: ${r.compared} lines, ${r.mismatched} mismatches\n`);
      expect(r.examples).toEqual([]);
    }
  });

  it('same ids on generated text (fast-check)', async () => {
    const seed = fcSeed('js-tiktoken parity');
    await fc.assert(
      fc.asyncProperty(fc.array(textArb, { minLength: 1, maxLength: 20 }), async (texts) => {
        expect((await compare(p, texts, (t) => js.encode(t, 'all'))).examples).toEqual([]);
      }),
      { seed, numRuns: 300 },
    );
  });
});

// The export taken from our own runtime's Tokenizer, and tiktoken against our runtime's ids.
describe.skipIf(!polyglot)('exportTiktoken(our Tokenizer) vs our runtime', () => {
  let p: Pair;
  let ours: Tokenizer;
  beforeAll(() => {
    const text = readFileSync(polyglot!, 'utf8');
    p = loadPair(text);
    ours = Tokenizer.fromJSON(text);
  });
  afterAll(() => p?.tiktoken.free());

  it('exports the same data from a loaded Tokenizer as from its JSON', () => {
    expect(exportTiktoken(ours)).toEqual(p.exported);
  });

  it('refuses a Tokenizer whose truncation was set at run time', () => {
    const t = Tokenizer.fromJSON(readFileSync(polyglot!, 'utf8'));
    t.setTruncation({ maxLength: 8 });
    expect(() => exportTiktoken(t)).toThrow(TiktokenExportError);
  });

  it('tiktoken gives our runtime\'s ids on corpus lines', () => {
    for (const rel of ['corpora/nsmc/nsmc_raw_reviews.txt', 'corpora/korean-precedents/precedents_paragraphs.txt']) {
      const path = sharedFile(rel, 'tiktoken vs our runtime');
      if (!path) continue;
      const lines = sampleLines(path, 1000);
      let mismatched = 0;
      for (const line of lines) {
        if (ours.encode(line).ids.join() !== Array.from(p.tiktoken.encode(line, 'all')).join()) mismatched++;
      }
      process.stderr.write(`[tiktoken vs ours] ${rel}: ${lines.length} lines, ${mismatched} mismatches\n`);
      expect(mismatched).toBe(0);
    }
  });
});
