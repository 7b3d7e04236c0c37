// `train --clean` (issue 14, bug 7): every mask token the cleaner can emit is a special token of the
// trained tokenizer and is never learned from: no merge spends a rank on `<|`, `email`, `|>`.
// Also through `count --words --clean` + `train --from-counts`, and against Hugging Face's trainer.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanLines } from '../../src/clean/stream.js';
import { DEFAULT_PII_TOKENS, PII_KINDS } from '../../src/clean/options.js';
import { main } from '../../src/cli/dispatch.js';
import { NodeTokenizer as Tokenizer } from '../../src/tokenizer/node-tokenizer.js';
import { memoryIO } from '../support/cli-io.js';
import { hfTrain, HF_VERSION } from '../train/hf-reference.js';

const dir = mkdtempSync(join(tmpdir(), 'mbbpe-masks-'));
const PII = ['hong.gildong@naver.com', '4111-1111-1111-1111', '010-1234-5678', '900101-1234568', '국민은행 123456789012'];
// Each line carries PII, so the masks are frequent enough that a merge would learn them if counted.
const lines = Array.from({ length: 300 }, (_, i) => `문의 ${i}번은 ${PII[i % PII.length]} 으로 연락 주세요 감사합니다`);
const corpus = join(dir, 'pii.txt');
writeFileSync(corpus, lines.join('\n') + '\n');
const MASKS = PII_KINDS.map((k) => DEFAULT_PII_TOKENS[k]);

type Json = { added_tokens: { id: number; content: string; special: boolean }[]; model: { vocab: Record<string, number>; merges: [string, string][] } };

async function trainCli(argv: string[]): Promise<Json> {
  const s = memoryIO();
  const code = await main([...argv, '-q'], s);
  expect(code, s.err()).toBe(0);
  return JSON.parse(readFileSync(argv[argv.indexOf('-o') + 1]!, 'utf8')) as Json;
}

function expectMasksSpecial(t: Json): void {
  for (const m of MASKS) {
    const a = t.added_tokens.find((x) => x.content === m);
    expect(a, m).toBeDefined();
    expect(a!.special, m).toBe(true);
  }
  // '<' and '|' are their own ByteLevel symbols: a learned piece of a mask would show them together.
  const specials = new Set(t.added_tokens.map((a) => a.content));
  const learned = [...Object.keys(t.model.vocab), ...t.model.merges.map((m) => m.join(''))].filter((s) => s.length > 1 && !specials.has(s));
  expect(learned.filter((s) => s.includes('<|') || s.includes('|>'))).toEqual([]);
  expect(learned.filter((s) => /^(email|card|tel|rrn|acc)$/.test(s))).toEqual([]);
}

describe('train --clean: the cleaner’s masks are special tokens, never merged', () => {
  it('the corpus really makes the cleaner emit every mask (so the test can fail)', async () => {
    const out: string[] = [];
    for await (const l of cleanLines(lines)) out.push(l);
    for (const m of MASKS) expect(out.some((l) => l.includes(m)), m).toBe(true);
  });

  it('polyglot-ko preset, --segment none: <|acc|> <|tel|> <|rrn|> then <|card|> <|email|>; masks encode as one id', async () => {
    const out = join(dir, 'pk.json');
    const t = await trainCli(['train', '-i', corpus, '-o', out, '--clean', '--segment', 'none', '--vocab-size', '600']);
    expectMasksSpecial(t);
    const trailing = t.added_tokens.filter((a) => a.id >= 600).map((a) => a.content);
    expect(trailing).toEqual(['<|acc|>', '<|tel|>', '<|rrn|>', '<|card|>', '<|email|>']);
    const tok = Tokenizer.fromFile(out);
    const e = tok.encode('메일 <|email|> 카드 <|card|>');
    expect(e.tokens).toContain('<|email|>');
    expect(e.tokens).toContain('<|card|>');
  });

  it('polyglot-ko preset, --segment mecab', async () => {
    const t = await trainCli(['train', '-i', corpus, '-o', join(dir, 'pk-mecab.json'), '--clean', '--vocab-size', '600']);
    expectMasksSpecial(t);
  });

  it('count --words --clean, then train --from-counts: the same tokenizer.json', async () => {
    const counts = join(dir, 'pii.counts');
    const s = memoryIO();
    expect(await main(['count', '--words', '-i', corpus, '-o', counts, '--clean', '--segment', 'none', '-q'], s), s.err()).toBe(0);
    const viaCounts = await trainCli(['train', '--from-counts', counts, '-o', join(dir, 'from-counts.json'), '--vocab-size', '600']);
    const direct = JSON.parse(readFileSync(join(dir, 'pk.json'), 'utf8')) as Json;
    expect(viaCounts).toEqual(direct);
  });

  it(`hf-defaults: the model equals tokenizers@${HF_VERSION} trained on the cleaned lines with each mask as a split`, async () => {
    // Split(U+0CF1, Removed) is the first pre-tokenizer of both presets: a mask replaced by U+0CF1
    // cuts the line where the mask was, as an extracted special token does.
    const cleaned: string[] = [];
    for await (const l of cleanLines(lines)) cleaned.push(l);
    const ref = join(dir, 'cleaned-split.txt');
    writeFileSync(ref, cleaned.map((l) => MASKS.reduce((s, m) => s.split(m).join('\u0CF1'), l) + '\n').join(''));
    const t = await trainCli(['train', '-i', corpus, '-o', join(dir, 'hf.json'), '--clean', '--segment', 'none', '--preset', 'hf-defaults']);
    const hf = hfTrain([ref]).json as Json;
    expect(t.model).toEqual(hf.model);
    expect(t.added_tokens.map((a) => a.content)).toEqual(MASKS);
  });
});
