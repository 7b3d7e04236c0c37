// exportTiktoken must refuse, with the right reason, every tokenizer tiktoken cannot reproduce — and
// accept the ones it can. Random small merge lists check the claim in src/export/ranks.ts: whenever the
// export is accepted, tiktoken equals the reference `tokenizers` on random text even though many
// non-merge splits exist; whenever it refuses a vocabulary as unreachable, a naive rank file diverges.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Tiktoken } from 'tiktoken';
import { Tokenizer } from 'tokenizers';
import { describe, expect, it } from 'vitest';
import { BYTE_TO_CHAR } from '../../src/models/bpe/byte-level.js';
import { base64Encode } from '../../src/export/base64.js';
import { TiktokenExportError, type TiktokenRefusal } from '../../src/export/errors.js';
import { exportTiktoken } from '../../src/export/tiktoken.js';
import { sharedFile } from '../support/shared.js';
import { compare, fcSeed, loadPair, sampleLines } from './support.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function refusal(json: Json): TiktokenRefusal | 'accepted' {
  try {
    exportTiktoken(json);
    return 'accepted';
  } catch (e) {
    if (e instanceof TiktokenExportError) return e.reason;
    throw e;
  }
}

const polyglot = sharedFile('vocab/polyglot-ko/tokenizer.json', 'tiktoken export refusals');
describe.skipIf(!polyglot)('exportTiktoken refuses what tiktoken cannot express (mutations of Polyglot-Ko)', () => {
  const base = polyglot ? (JSON.parse(readFileSync(polyglot, 'utf8')) as Json) : {};
  const mutate = (f: (j: Json) => void): Json => {
    const j = structuredClone(base);
    f(j);
    return j;
  };

  it('accepts the unmodified file', () => expect(refusal(base)).toBe('accepted'));

  const cases: Array<[string, TiktokenRefusal, (j: Json) => void]> = [
    ['a normalizer', 'normalizer', (j) => (j.normalizer = { type: 'NFC' })],
    ['truncation', 'truncation-padding', (j) => (j.truncation = { direction: 'Right', max_length: 8, strategy: 'LongestFirst', stride: 0 })],
    ['a template post-processor', 'post-processor', (j) => (j.post_processor = { type: 'TemplateProcessing', single: [], pair: [], special_tokens: {} })],
    ['no decoder', 'decoder', (j) => (j.decoder = null)],
    ['a WordPiece model', 'not-bpe', (j) => (j.model.type = 'WordPiece')],
    ['BPE dropout', 'model-option', (j) => (j.model.dropout = 0.1)],
    ['a subword prefix', 'model-option', (j) => (j.model.continuing_subword_prefix = '##')],
    ['no pre-tokenizer', 'pre-tokenizer', (j) => (j.pre_tokenizer = null)],
    ['a Metaspace pre-tokenizer', 'pre-tokenizer', (j) => (j.pre_tokenizer = { type: 'Metaspace', replacement: '▁' })],
    ['a regex Split', 'pre-tokenizer', (j) => (j.pre_tokenizer.pretokenizers[0].pattern = { Regex: 'ೱ+' })],
    ['an Isolated Split', 'pre-tokenizer', (j) => (j.pre_tokenizer.pretokenizers[0].behavior = 'Isolated')],
    ['a Split on a space', 'pre-tokenizer', (j) => (j.pre_tokenizer.pretokenizers[0].pattern = { String: ' ' })],
    ['a Split on a two-character string', 'pre-tokenizer', (j) => (j.pre_tokenizer.pretokenizers[0].pattern = { String: 'ೱೱ' })],
    ['ByteLevel with add_prefix_space', 'pre-tokenizer', (j) => (j.pre_tokenizer.pretokenizers[1].add_prefix_space = true)],
    ['an lstrip added token', 'added-token', (j) => (j.added_tokens[2].lstrip = true)],
    ['an added token that prefixes another', 'added-token', (j) => j.added_tokens.push({ id: 30003, content: '<|sep', special: true })],
    ['a missing byte', 'missing-byte', (j) => delete j.model.vocab['Ā']],
    ['a token outside the byte alphabet', 'not-byte-level', (j) => (j.model.vocab['안'] = 30003)],
    ['two merges swapped', 'merge-order', (j) => ([j.model.merges[0], j.model.merges[1]] = [j.model.merges[1], j.model.merges[0]])],
    ['a merge naming an unknown token', 'merge-invalid', (j) => j.model.merges.push('Ġ ZZZ')],
    ['a vocab token no merge makes', 'unreachable-token', (j) => (j.model.vocab['ĀĀ'] = 30003)],
  ];
  for (const [what, reason, f] of cases) {
    it(`refuses ${what} (${reason})`, () => expect(refusal(mutate(f))).toBe(reason));
  }

  // Accepted variants of the pre-tokenizer must also be exact, not just accepted.
  const variants: Array<[string, (j: Json) => void]> = [
    ['ByteLevel alone', (j) => (j.pre_tokenizer = j.pre_tokenizer.pretokenizers[1])],
    ['Split + ByteLevel without the regex', (j) => (j.pre_tokenizer.pretokenizers[1].use_regex = false)],
    ['ByteLevel alone without the regex', (j) => (j.pre_tokenizer = { ...j.pre_tokenizer.pretokenizers[1], use_regex: false })],
    ['two Splits (ೱ and ೲ) + ByteLevel', (j) => j.pre_tokenizer.pretokenizers.unshift({ type: 'Split', pattern: { String: 'ೲ' }, behavior: 'Removed', invert: false })],
  ];
  for (const [what, f] of variants) {
    it(`accepts ${what} and tiktoken gives the reference ids`, async () => {
      const json = mutate(f);
      const p = loadPair(JSON.stringify(json));
      try {
        const nsmc = sharedFile('corpora/nsmc/nsmc_raw_reviews.txt', 'tiktoken export variants');
        const lines = nsmc ? sampleLines(nsmc, 300) : [];
        const marked = lines.map((l) => l.replace(/ /g, ' ೱ').replace(/다/g, '다ೲ'));
        const extra = ['a ೱ b  ೲc', '  \n\n x ೱ ', "it's ೱ'll"];
        const r = await compare(p, [...lines, ...marked, ...extra]);
        expect(r.examples).toEqual([]);
      } finally {
        p.tiktoken.free();
      }
    });
  }

  it('says why and how to fix it', () => {
    try {
      exportTiktoken(mutate((j) => (j.normalizer = { type: 'NFC' })));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TiktokenExportError);
      expect((e as TiktokenExportError).path).toBe('$.normalizer');
      expect((e as TiktokenExportError).hint).not.toBe('');
    }
  });
});

// ---- random small vocabularies ------------------------------------------------------------------

/** A byte-level BPE tokenizer.json: 256 byte tokens (ids 0-255), then merge k yields id 256 + k. */
function tinyTokenizer(merges: Array<[string, string]>, extra: Record<string, number> = {}): Json {
  const vocab: Record<string, number> = {};
  BYTE_TO_CHAR.forEach((c, b) => (vocab[c] = b));
  merges.forEach(([l, r], k) => (vocab[l + r] = 256 + k));
  Object.assign(vocab, extra);
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: false, use_regex: true },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: { type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false, byte_fallback: false, vocab, merges: merges.map(([l, r]) => `${l} ${r}`) },
  };
}

/** Byte-level strings of a text's UTF-8 bytes, one per byte (e.g. "가" → three one-byte tokens). */
const byteTokens = (text: string): string[] => Array.from(new TextEncoder().encode(text), (b) => BYTE_TO_CHAR[b]!);

// Two alphabets: ASCII letters, and Hangul + space, whose tokens can hold partial UTF-8 sequences
// and a leading space byte as in the real vocabulary.
const ALPHABETS = [
  { name: 'abc', seeds: [...new Set(byteTokens('abc'))], words: /^[abc]{1,14}$/ },
  { name: 'Hangul', seeds: [...new Set(byteTokens(' 가나a'))], words: /^[가나a ]{1,10}$/ },
];

/** Merge lists as BPE training would shape them: each merge joins two existing tokens into a new one. */
const mergeListArb = (seeds: string[]) =>
  fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 40 }).map((picks) => {
    const tokens = [...seeds];
    const merges: Array<[string, string]> = [];
    for (const [i, j] of picks) {
      const l = tokens[i % tokens.length]!;
      const r = tokens[j % tokens.length]!;
      if (tokens.includes(l + r) || (l + r).length > 8) continue;
      tokens.push(l + r);
      merges.push([l, r]);
    }
    return merges;
  });

/** The text a byte-level token string stands for (lossy where it is not whole UTF-8). */
const tokenText = (tok: string): string => new TextDecoder().decode(Uint8Array.from(tok, (ch) => BYTE_TO_CHAR.indexOf(ch)));

/** tiktoken on a rank file written naively (every vocab token, rank = id), bypassing the checks. */
function naiveTiktoken(json: Json): Tiktoken {
  const lines = Object.entries(json.model.vocab as Record<string, number>).map(([tok, id]) => {
    const bytes = Uint8Array.from(tok, (ch) => BYTE_TO_CHAR.indexOf(ch));
    return `${base64Encode(bytes)} ${id}`;
  });
  return new Tiktoken(lines.join('\n'), {}, exportTiktoken(tinyTokenizer([])).pattern);
}

describe('random merge lists: accepted exports are exact, refused ones really differ', () => {
  for (const alphabet of ALPHABETS) {
    it(`holds for every generated vocabulary over ${alphabet.name} (fast-check)`, async () => {
      const seed = fcSeed(`tiktoken random vocab ${alphabet.name}`);
      const seen = { accepted: 0, withAlternativeSplits: 0, refused: 0, refusalShownWrong: 0 };
      const wordsArb = fc.array(fc.stringMatching(alphabet.words), { minLength: 1, maxLength: 20 });
      await fc.assert(
        fc.asyncProperty(mergeListArb(alphabet.seeds), wordsArb, async (merges, words) => {
          const json = tinyTokenizer(merges);
          const reference = Tokenizer.fromString(JSON.stringify(json));
          // The texts of the merged tokens: where a wrong rank table shows first.
          const tokenTexts = merges.map(([l, r]) => tokenText(l + r));
          const verdict = refusal(json);
          if (verdict === 'accepted') {
            const ex = exportTiktoken(json);
            seen.accepted++;
            if (ex.stats.alternativeSplits > 0) seen.withAlternativeSplits++;
            const tk = new Tiktoken(ex.rankFile, ex.specialTokens, ex.pattern);
            try {
              for (const s of [...words, words.join(''), words.join(' '), ...tokenTexts]) {
                expect([s, Array.from(tk.encode(s, 'all'))]).toEqual([s, (await reference.encode(s)).getIds()]);
              }
            } finally {
              tk.free();
            }
          } else {
            // Merge lists built this way can only fail reachability; show that it matters: some
            // token's own text encodes differently under a naive rank file.
            expect(verdict).toBe('unreachable-token');
            seen.refused++;
            const tk = naiveTiktoken(json);
            try {
              let differs = false;
              for (const s of tokenTexts) {
                if ((await reference.encode(s)).getIds().join() !== Array.from(tk.encode(s)).join()) differs = true;
              }
              if (differs) seen.refusalShownWrong++;
            } finally {
              tk.free();
            }
          }
        }),
        { seed, numRuns: 200 },
      );
      process.stderr.write(`[tiktoken random vocab ${alphabet.name}] ${JSON.stringify(seen)}\n`);
      expect(seen.withAlternativeSplits).toBeGreaterThan(0);
      expect(seen.refused).toBeGreaterThan(0);
      if (alphabet.name === 'abc') expect(seen.refusalShownWrong).toBe(seen.refused);
    });
  }

  it('refuses a merge list whose ids run against its order, and that order matters', async () => {
    // "ab" (id 257) is learned after "bc" (id 256) but given the lower id: tiktoken would prefer "ab".
    const merges: Array<[string, string]> = [['b', 'c'], ['a', 'b']];
    const json = tinyTokenizer(merges, { bc: 257, ab: 256 });
    expect(refusal(json)).toBe('merge-order');
    const tk = naiveTiktoken(json);
    try {
      const ref = (await Tokenizer.fromString(JSON.stringify(json)).encode('abc')).getIds();
      expect(ref).toEqual([97, 257]); // byte 'a', then "bc" (merged first by the list)
      expect(Array.from(tk.encode('abc'))).not.toEqual(ref);
    } finally {
      tk.free();
    }
  });
});
