// Differential test of every supported pre-tokenizer (and the Oniguruma → JS regex translator)
// against the reference's own `PreTokenizer.preTokenizeString`, on corpus lines and generated strings.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { preTokenizerFromConfig } from '../../src/pre-tokenizers/from-config.js';
import { sharedFile } from '../support/shared.js';
import { LLAMA3_PATTERN, QWEN2_PATTERN } from './configs.js';
import { hostileString, refFromJSON, runSeed, SOAK } from './support.js';

const LLAMA3 = LLAMA3_PATTERN;
const QWEN2 = QWEN2_PATTERN;
const O200K =
  "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
const POSSESSIVE = '\\p{L}++|\\s*+\\n|\\d{1,2}+|.';

const BEHAVIORS = ['Removed', 'Isolated', 'MergedWithPrevious', 'MergedWithNext', 'Contiguous'];
const bl = (add_prefix_space: boolean, use_regex = true) => ({ type: 'ByteLevel', add_prefix_space, trim_offsets: true, use_regex });
const split = (pattern: object, behavior: string, invert = false) => ({ type: 'Split', pattern, behavior, invert });

export const PRE_TOKENIZER_CONFIGS: Array<[string, object]> = [
  ['polyglot-ko', { type: 'Sequence', pretokenizers: [split({ String: '\u0CF1' }, 'Removed'), bl(false)] }],
  ['ByteLevel prefix', bl(true)],
  ['ByteLevel no regex', bl(false, false)],
  ['ByteLevel prefix no regex', bl(true, false)],
  ['llama3', { type: 'Sequence', pretokenizers: [split({ Regex: LLAMA3 }, 'Isolated'), bl(false, false)] }],
  ['qwen2', { type: 'Sequence', pretokenizers: [split({ Regex: QWEN2 }, 'Isolated'), bl(false, false)] }],
  ['o200k', split({ Regex: O200K }, 'Isolated')],
  ['possessive', split({ Regex: POSSESSIVE }, 'Isolated')],
  ['empty matches', split({ Regex: 'a*' }, 'MergedWithNext')],
  ['case-insensitive group', split({ Regex: "(?i:hello|'ll)|\\p{Lu}+" }, 'Isolated')],
  ['line anchors', split({ Regex: '^\\s+|\\s+$|\\n' }, 'Removed')],
  ['dot and hex', split({ Regex: '\\h+|.' }, 'Contiguous')],
  ['text anchors', split({ Regex: '\\A\\s|\\s\\z|[\\w\']+' }, 'Isolated', true)],
  ['intervals', split({ Regex: '\\d{2,}|\\p{Hangul}{1,2}|[^\\S\\n]+' }, 'MergedWithPrevious')],
  ...BEHAVIORS.flatMap((b): Array<[string, object]> => [
    [`Split String ${b}`, split({ String: ' ' }, b)],
    [`Split String ${b} invert`, split({ String: 'ab' }, b, true)],
    [`Split Regex ${b}`, split({ Regex: '\\s+|\\d' }, b)],
    [`Split Regex ${b} invert`, split({ Regex: '\\p{L}+' }, b, true)],
  ]),
  ['Digits', { type: 'Digits', individual_digits: false }],
  ['Digits individual', { type: 'Digits', individual_digits: true }],
  ['Whitespace', { type: 'Whitespace' }],
  ['WhitespaceSplit', { type: 'WhitespaceSplit' }],
  ['Punctuation', { type: 'Punctuation', behavior: 'Isolated' }],
  ['Punctuation contiguous', { type: 'Punctuation', behavior: 'Contiguous' }],
  ['Sequence mix', { type: 'Sequence', pretokenizers: [{ type: 'WhitespaceSplit' }, { type: 'Digits', individual_digits: true }, { type: 'Punctuation', behavior: 'MergedWithPrevious' }, bl(true)] }],
];

function refPreTokenizer(pt: object) {
  const json = JSON.stringify({ version: '1.0', added_tokens: [], normalizer: null, pre_tokenizer: pt, post_processor: null, decoder: null, model: { type: 'BPE', vocab: {}, merges: [] } });
  return refFromJSON(json).getPreTokenizer()!;
}

function corpusSample(perFile: number): string[] {
  const files = ['corpora/nsmc/nsmc_raw_reviews.txt', 'corpora/korean-english-news/news_en.txt', 'corpora/klue-dev/klue_dev_sentences.txt', 'corpora/nsmc-nfd/nsmc_sample_NFD_DERIVED.txt', 'corpora/english-tinyshakespeare/tinyshakespeare_lines.txt'];
  const out: string[] = [];
  for (const f of files) {
    const p = sharedFile(f, 'runtime pre-tokenizer');
    if (!p) continue;
    const text = readFileSync(p, 'utf8');
    out.push(...text.slice(0, 400_000).split('\n').slice(0, perFile));
  }
  return out;
}

describe('pre-tokenizers match the reference preTokenizeString', () => {
  const seed = runSeed('pre-tokenizer');
  const lines = corpusSample(200);
  const generated = fc.sample(hostileString(), { seed, numRuns: 2500 * SOAK });
  for (const [name, cfg] of PRE_TOKENIZER_CONFIGS) {
    it(name, () => {
      const r = refPreTokenizer(cfg);
      const ours = preTokenizerFromConfig(cfg);
      let bad = 0;
      let first = '';
      for (const s of [...lines, ...generated]) {
        const a = JSON.stringify(r.preTokenizeString(s));
        const b = JSON.stringify(ours.preTokenizeString(s));
        if (a !== b && bad++ === 0) first = `${JSON.stringify(s)}\n ref:  ${a}\n ours: ${b}`;
      }
      expect(bad, `${bad} mismatches (seed ${seed}); first:\n${first}`).toBe(0);
    });
  }
});

describe('the GPT-2 scanner splits like the translated GPT-2 regex', () => {
  it('on generated strings', async () => {
    const { gpt2Pieces } = await import('../../src/pre-tokenizers/gpt2-scanner.js');
    const { gpt2Regex } = await import('../../src/pre-tokenizers/byte-level.js');
    const { findMatches } = await import('../../src/text/regex.js');
    const { Ranges } = await import('../../src/text/ranges.js');
    const pairs = (r: InstanceType<typeof Ranges>): Array<[number, number]> => Array.from({ length: r.n }, (_, k) => [r.data[2 * k]!, r.data[2 * k + 1]!]);
    const seed = runSeed('gpt2 scanner');
    for (const s of fc.sample(hostileString(20), { seed, numRuns: 5000 * SOAK })) {
      const wf = s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
      const r = new Ranges();
      expect(gpt2Pieces(wf, 0, wf.length, r)).toBe(wf.length);
      const want = wf.length ? findMatches(gpt2Regex(), wf).map(([a, b]): [number, number] => [a, b]) : [];
      expect(pairs(r), `seed ${seed}: ${JSON.stringify(s)}`).toEqual(want);
      // Resumed every k pieces (as the fast path scans long texts), the pieces are the same.
      const k = 1 + (s.length % 3);
      const chunked = new Ranges();
      for (let at = 0; at < wf.length; ) {
        const before = chunked.n;
        at = gpt2Pieces(wf, at, wf.length, chunked, k);
        expect(chunked.n - before).toBeLessThanOrEqual(k);
      }
      expect(pairs(chunked), `seed ${seed}, resumed every ${k}: ${JSON.stringify(s)}`).toEqual(want);
    }
  });
});
