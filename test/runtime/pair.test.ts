// Pair sequences (`encode(a, b)`) against the reference `tokenizers` (npm, Hugging Face Rust via
// napi): ids, tokens, code-point offsets, type ids, masks and overflowing windows (recursively), for
// ByteLevel, TemplateProcessing (pair templates with type ids), Sequence in both orders and no
// post-processor; without truncation and with every strategy, stride and direction; on corpus line
// pairs and fast-check pairs. Where the reference returns a truncation error we must throw
// TruncationError; where it panics (stride not below a cut length) it cannot be asked, so those
// settings are counted and checked to throw on our side only.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidOptionError, TruncationError } from '../../src/config/errors.js';
import { Tokenizer, type Encoding } from '../../src/tokenizer.js';
import type { PaddingOptions, TruncationOptions } from '../../src/tokenizer/options.js';
import { sharedFile } from '../support/shared.js';
import { polyglot, polyglotVariants } from './configs.js';
import { hostileString, refFromJSON, runSeed, SOAK } from './support.js';

interface RefEnc {
  getIds(): number[];
  getTokens(): string[];
  getOffsets(): number[][];
  getTypeIds(): number[];
  getAttentionMask(): number[];
  getSpecialTokensMask(): number[];
  getOverflowing(): RefEnc[];
}
interface RefTok {
  setTruncation(n: number, o: object): void;
  setPadding(o: object): void;
  disableTruncation(): void;
  disablePadding(): void;
  encode(t: string, pair: string | null, o: object): Promise<RefEnc>;
}

type Flat = [number[], string[], number[][], number[], number[], number[], Flat[]];
const flatRef = (e: RefEnc): Flat => [e.getIds(), e.getTokens(), e.getOffsets(), e.getTypeIds(), e.getAttentionMask(), e.getSpecialTokensMask(), e.getOverflowing().map(flatRef)];
const flatOurs = (e: Encoding): Flat => [e.ids, e.tokens, e.offsets, e.typeIds, e.attentionMask, e.specialTokensMask, e.overflowing.map(flatOurs)];

type J = Record<string, unknown>;
const base = polyglot();
const ST = { '<|endoftext|>': { id: '<|endoftext|>', ids: [2], tokens: ['<|endoftext|>'] }, '<|sep|>': { id: '<|sep|>', ids: [3], tokens: ['<|sep|>'] } };
const sp = (id: string, type_id: number) => ({ SpecialToken: { id, type_id } });
const sq = (id: 'A' | 'B', type_id: number) => ({ Sequence: { id, type_id } });
/** BERT-shaped: [eot] A [sep] / [eot] A [sep] B:1 [sep]:1. */
const bertTemplate = {
  type: 'TemplateProcessing',
  single: [sp('<|endoftext|>', 0), sq('A', 0), sp('<|sep|>', 0)],
  pair: [sp('<|endoftext|>', 0), sq('A', 0), sp('<|sep|>', 0), sq('B', 1), sp('<|sep|>', 1)],
  special_tokens: ST,
};
const bl = (add_prefix_space: boolean, trim_offsets: boolean) => ({ type: 'ByteLevel', add_prefix_space, trim_offsets, use_regex: true });

function configs(): Array<[string, string]> {
  if (!base) return [];
  const pick = new Set(['polyglot-ko (fast path)', 'ByteLevel prefix + trim offsets', 'TemplateProcessing', 'Sequence post-processor', 'added tokens with flags']);
  const out: Array<[string, J]> = polyglotVariants(base).filter(([n]) => pick.has(n));
  out.push(['BERT-shaped pair template (general path, NFC)', { ...base, normalizer: { type: 'NFC' }, post_processor: bertTemplate }]);
  out.push(['BERT-shaped pair template (fast path)', { ...base, post_processor: bertTemplate }]);
  out.push([
    'Sequence [template, ByteLevel trim] (pieces trimmed one by one)',
    { ...base, pre_tokenizer: bl(true, true), post_processor: { type: 'Sequence', processors: [bertTemplate, bl(true, true)] } },
  ]);
  out.push(['template using A twice', { ...base, post_processor: { ...bertTemplate, pair: [sq('A', 0), sp('<|sep|>', 1), sq('B', 1), sq('A', 2)] } }]);
  out.push(['no post-processor', { ...base, post_processor: null }]);
  return out.map(([n, j]) => [n, JSON.stringify(j)]);
}

function linePairs(): Array<[string, string]> {
  const lines: string[] = [];
  for (const [rel, n] of [['corpora/korean-english-news/news_ko.txt', 40], ['corpora/nsmc/nsmc_raw_reviews.txt', 40], ['corpora/korean-precedents/precedents_paragraphs.txt', 10]] as const) {
    const p = sharedFile(rel, 'runtime pairs');
    if (p) lines.push(...readFileSync(p, 'utf8').split('\n').filter((l) => l.length > 0).slice(0, n));
  }
  const out: Array<[string, string]> = [];
  for (let i = 0; i + 1 < lines.length; i += 2) out.push([lines[i]!, lines[i + 1]!]);
  // Short with long, both orders: longest_first's uneven cases.
  if (lines.length > 3) out.push([lines[0]!.slice(0, 8), lines[3]!], [lines[3]!, lines[0]!.slice(0, 8)], ['', lines[1]!], [lines[2]!, '']);
  return out;
}

type Setting = [TruncationOptions | null, PaddingOptions | null];
const REF_STRATEGY = { longest_first: 'LongestFirst', only_first: 'OnlyFirst', only_second: 'OnlySecond' } as const;

function apply(r: RefTok, ours: Tokenizer, [t, p]: Setting): void {
  ours.setTruncation(t);
  ours.setPadding(p);
  if (t) r.setTruncation(t.maxLength, { stride: t.stride ?? 0, direction: t.direction ?? 'right', strategy: REF_STRATEGY[t.strategy ?? 'longest_first'] });
  else r.disableTruncation();
  if (!p) r.disablePadding();
  else r.setPadding({ maxLength: p.length, direction: p.direction ?? 'right', padId: p.padId, padTypeId: p.padTypeId, padToken: p.padToken, padToMultipleOf: p.padToMultipleOf });
}

/** Settings setTruncation accepts (stride below maxLength minus the single template's tokens). */
function settingArb(addedSingle: number): fc.Arbitrary<Setting> {
  const trunc = fc
    .record({
      maxLength: fc.integer({ min: 0, max: 48 }),
      s: fc.nat(20),
      useStride: fc.boolean(),
      direction: fc.constantFrom('left' as const, 'right' as const),
      strategy: fc.constantFrom('longest_first' as const, 'only_first' as const, 'only_second' as const),
    })
    .map(({ maxLength, s, useStride, direction, strategy }): TruncationOptions => {
      const eff = maxLength - addedSingle;
      return { maxLength, stride: useStride && eff > 1 ? s % eff : 0, direction, strategy };
    });
  const pad = fc.record({
    length: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
    padToMultipleOf: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
    padId: fc.constantFrom(0, 2),
    padTypeId: fc.constantFrom(0, 3),
    padToken: fc.constantFrom('<|endoftext|>', '[PAD]'),
    direction: fc.constantFrom('left' as const, 'right' as const),
  });
  return fc.tuple(fc.option(trunc, { nil: null, freq: 4 }), fc.option(pad, { nil: null, freq: 2 }));
}

const FIXED: Setting[] = [
  [null, null],
  [{ maxLength: 20 }, null],
  [{ maxLength: 13, direction: 'left' }, null],
  [{ maxLength: 16, strategy: 'only_first' }, null],
  [{ maxLength: 16, strategy: 'only_second', direction: 'left' }, null],
  [{ maxLength: 30, stride: 2 }, { padToMultipleOf: 8, padId: 2, padToken: '<|endoftext|>' }],
  [{ maxLength: 0 }, null],
  [{ maxLength: 5 }, null],
];

type Outcome = { ok: Flat } | { error: 'truncation' };

async function refOutcome(r: RefTok, a: string, b: string, add: boolean): Promise<Outcome> {
  try {
    return { ok: flatRef(await r.encode(a, b, { addSpecialTokens: add })) };
  } catch (e) {
    if (/Truncation error/.test(String(e))) return { error: 'truncation' };
    throw e;
  }
}

/** Ours, or null when ours refuses for the stride (where the reference would abort the process). */
function oursOutcome(t: Tokenizer, a: string, b: string, add: boolean): Outcome | null {
  try {
    return { ok: flatOurs(t.encode(a, b, { addSpecialTokens: add, offsets: 'codepoint' })) };
  } catch (e) {
    if (!(e instanceof TruncationError)) throw e;
    return /stride/.test(e.reason) ? null : { error: 'truncation' };
  }
}

describe.runIf(base)('pair encoding matches the reference', () => {
  const seed = runSeed('runtime pairs');
  const lines = linePairs();
  const generated = fc.sample(fc.tuple(hostileString(12), hostileString(12)), { seed, numRuns: 40 * SOAK });
  for (const [name, json] of configs()) {
    it(name, async () => {
      const r = refFromJSON(json) as unknown as RefTok;
      const ours = Tokenizer.fromJSON(json);
      const addedSingle = ours.encode('').ids.length;
      // A sequence used twice multiplies the overflowing windows (merge_with's cross product): few settings there.
      const heavy = name.includes('twice');
      const random = heavy ? [] : fc.sample(settingArb(addedSingle), { seed: seed + name.length, numRuns: 6 * SOAK });
      const counts = { compared: 0, overflow: 0, errors: 0, strideRefusals: 0 };
      const fixed = FIXED.filter(([t]) => !heavy || !t || t.maxLength >= 13);
      for (const setting of [...fixed, ...random]) {
        apply(r, ours, setting);
        for (const add of [true, false]) {
          for (const [a, b] of [...lines, ...generated]) {
            const mine = oursOutcome(ours, a, b, add);
            const ctx = `${name} ${JSON.stringify(setting)} add=${add}: ${JSON.stringify([a.slice(0, 60), b.slice(0, 60)])}`;
            if (mine === null) {
              counts.strideRefusals++;
              continue;
            }
            const want = await refOutcome(r, a, b, add);
            if ('error' in want) counts.errors++;
            else if (want.ok[6].length > 0) counts.overflow++;
            expect(JSON.stringify(mine), ctx).toBe(JSON.stringify(want));
            counts.compared++;
          }
        }
      }
      expect(counts.compared).toBeGreaterThan(heavy ? 300 : 1000);
      expect(counts.overflow).toBeGreaterThan(heavy ? 20 : 50);
      process.stderr.write(`[pairs ${name}] ${JSON.stringify(counts)}\n`);
    }, 180_000);
  }

  it('batches of pairs: encodeBatch equals the reference pair by pair, padded to the longest of the batch', async () => {
    const json = configs().find(([n]) => n.startsWith('BERT-shaped pair template (fast'))![1];
    const r = refFromJSON(json) as unknown as RefTok;
    const ours = Tokenizer.fromJSON(json);
    const batch: Array<string | [string, string]> = [...lines.slice(0, 20), 'a single text', ...generated.slice(0, 20)];
    for (const [t, mult] of [[null, undefined], [{ maxLength: 24 }, 8]] as const) {
      apply(r, ours, [t, null]);
      const unpadded = await Promise.all(batch.map((x) => (typeof x === 'string' ? r.encode(x, null, {}) : r.encode(x[0], x[1], {}))));
      const longest = Math.max(...unpadded.map((e) => e.getIds().length));
      // The reference's BatchLongest is the fixed length of the longest; its binding batches single texts only.
      r.setPadding({ maxLength: longest, padId: 2, padToken: '<|endoftext|>', padToMultipleOf: mult });
      ours.setPadding({ padId: 2, padToken: '<|endoftext|>', padToMultipleOf: mult });
      const mine = ours.encodeBatch(batch, { offsets: 'codepoint' });
      for (let i = 0; i < batch.length; i++) {
        const x = batch[i]!;
        const want = flatRef(await (typeof x === 'string' ? r.encode(x, null, {}) : r.encode(x[0], x[1], {})));
        expect(JSON.stringify(flatOurs(mine[i]!)), JSON.stringify(x).slice(0, 100)).toBe(JSON.stringify(want));
      }
    }
  });

  it('the pair can be given as an argument or as { pair }, not both; offsets point into their own text', () => {
    const ours = Tokenizer.fromJSON(JSON.stringify({ ...base, post_processor: bertTemplate }));
    const a = '😀 첫 문장입니다';
    const b = '두 번째 😀𝔘 문장';
    const e1 = ours.encode(a, b);
    const e2 = ours.encode(a, { pair: b });
    expect(e2).toEqual(e1);
    expect(() => ours.encode(a, b, { pair: b })).toThrow(InvalidOptionError);
    // UTF-16 offsets: each token's slice of its own sequence's text.
    const seqOf = e1.typeIds;
    const cp = ours.encode(a, b, { offsets: 'codepoint' });
    e1.offsets.forEach(([s, t], i) => {
      if (e1.specialTokensMask[i]) return;
      const text = seqOf[i] === 0 ? a : b;
      const [cs, ct] = cp.offsets[i]!;
      expect(text.slice(s, t)).toBe([...text].slice(cs, ct).join(''));
    });
    expect(e1.typeIds).toContain(1);
  });

  it('only_second on a single sequence that needs cutting throws TruncationError (the reference: Second sequence not provided)', async () => {
    const json = JSON.stringify(base);
    const ours = Tokenizer.fromJSON(json);
    const r = refFromJSON(json) as unknown as RefTok;
    const text = '안녕하세요 여러분 반갑습니다';
    apply(r, ours, [{ maxLength: 3, strategy: 'only_second' }, null]);
    await expect(r.encode(text, null, {})).rejects.toThrow(/Second sequence not provided/);
    expect(() => ours.encode(text)).toThrow(TruncationError);
  });
});
