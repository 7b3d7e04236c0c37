// Encode orchestration, the reference's `encode_char_offsets` + `post_process`: each sequence goes
// added tokens → normalizer → pre-tokenizer → model (with the truncation pre-limit), then the pair
// is truncated together, post-processed into one encoding and its offsets converted to the unit
// asked for. Padding is the caller's (Tokenizer), since a batch pads to its longest member.

import type { AddedVocabulary } from '../added-tokens/added-vocabulary.js';
import type { BpeModel } from '../models/bpe/model.js';
import type { Normalizer } from '../normalizers/types.js';
import type { PreTokenizer } from '../pre-tokenizers/types.js';
import type { PostProcessor } from '../processors/types.js';
import { mapOffsets, mergeEncodings, padEncoding, splitLimit, truncatePair, type Encoding } from './encoding.js';
import type { ByteLevelFastPath, RawTokens } from './fast-path.js';
import { NormalizedString } from './normalized.js';
import { convertOffsets, type OffsetConverter } from './offset-units.js';
import { toWellFormed } from './offsets.js';
import type { OffsetUnit, PaddingOptions, TruncationOptions } from './options.js';

/** The stages an encode runs through (a Tokenizer's parts). */
export interface EncodeStages {
  model: BpeModel;
  added: AddedVocabulary;
  normalizer: Normalizer | null;
  preTokenizer: PreTokenizer | null;
  postProcessor: PostProcessor | null;
  /** Set when the pipeline allows working on plain string ranges (see fast-path.ts). */
  fast: ByteLevelFastPath | null;
}

/** Options of one encode call once defaults are applied. */
export interface ResolvedEncode {
  addSpecialTokens: boolean;
  offsets: OffsetUnit;
  truncation: TruncationOptions | null;
}

/** Runs the pipeline up to the model; offsets in UTF-16 code units of the well-formed text. */
export function tokenizeRaw(st: EncodeStages, wf: string, withSplits = false): RawTokens {
  if (st.fast) return st.fast.tokenize(wf, withSplits);
  return tokenizeGeneral(st, wf, withSplits);
}

/** The general pipeline over NormalizedStrings (any supported component). */
function tokenizeGeneral(st: EncodeStages, wf: string, withSplits: boolean): RawTokens {
  const pieces0 = st.added.extract(NormalizedString.fromText(wf), st.normalizer);
  const pieces = st.preTokenizer ? st.preTokenizer.preTokenize(pieces0) : pieces0;
  const ids: number[] = [];
  const tokens: string[] = [];
  const offsets: Array<[number, number]> = [];
  const splits: number[] | undefined = withSplits ? [] : undefined;
  const vocabR = st.model.vocabR;
  const unk = st.model.opts.unkToken;
  for (const p of pieces) {
    const ns = p.ns;
    if (p.preset) {
      ids.push(p.preset.id);
      tokens.push(p.preset.value);
      offsets.push(ns.originalRange(0, ns.length));
      splits?.push(~ids.length);
      continue;
    }
    if (ns.length === 0) continue;
    const t = st.model.tokenize(ns.s);
    for (let k = 0; k < t.length; k += 3) {
      const id = t[k]!;
      ids.push(id);
      tokens.push(vocabR[id] ?? unk ?? '');
      offsets.push(ns.originalRange(t[k + 1]!, t[k + 2]!));
    }
    splits?.push(ids.length);
  }
  return splits ? { ids, tokens, offsets, splits } : { ids, tokens, offsets };
}

/**
 * One sequence up to the model (the reference's `encode_single_sequence`), offsets in code points,
 * every type id `typeId`. `limit` is the truncation pre-limit: see below.
 */
function encodeSequence(st: EncodeStages, text: string, typeId: number, limit: TruncationOptions | null): { e: Encoding; conv: OffsetConverter } {
  const wf = toWellFormed(text);
  let raw = tokenizeRaw(st, wf, limit !== null);
  if (limit && raw.splits) {
    // PARITY: with truncation on, the reference (0.23) stops running the model once the pre-token
    // splits seen so far hold max_length tokens (tokenize_with_limit); the rest is never encoded,
    // so it cannot appear in the overflowing windows either.
    const [a, b] = splitLimit(raw.splits, raw.ids.length, limit.maxLength, limit.direction ?? 'right');
    if (a > 0 || b < raw.ids.length) raw = { ids: raw.ids.slice(a, b), tokens: raw.tokens.slice(a, b), offsets: raw.offsets.slice(a, b) };
  }
  const conv = convertOffsets(wf);
  const n = raw.ids.length;
  const e: Encoding = {
    ids: raw.ids,
    tokens: raw.tokens,
    offsets: conv.identity ? raw.offsets : raw.offsets.map(([s, t]) => [conv.toCodePoint(s), conv.toCodePoint(t)]),
    typeIds: new Array<number>(n).fill(typeId),
    attentionMask: new Array<number>(n).fill(1),
    specialTokensMask: new Array<number>(n).fill(0),
    overflowing: [],
  };
  return { e, conv };
}

function unitMap(conv: OffsetConverter, unit: OffsetUnit): ((x: number) => number) | null {
  if (unit === 'byte') return conv.codePointToByte;
  if (unit === 'utf16' && !conv.identity) return conv.codePointToUtf16;
  return null;
}

/** Encodes one text or a pair (`pair` non-null), truncated and post-processed; not padded. */
export function encodeUnpadded(st: EncodeStages, text: string, pair: string | null, o: ResolvedEncode): Encoding {
  const t = o.truncation;
  // PARITY: the pre-limit applies to every sequence except the first under only_second (do_tokenize).
  const limitOf = (typeId: number): TruncationOptions | null => (t && !(t.strategy === 'only_second' && typeId === 0) ? t : null);
  const a = encodeSequence(st, text, 0, limitOf(0));
  const b = pair === null ? null : encodeSequence(st, pair, 1, limitOf(1));
  let ea = a.e;
  let eb = b ? b.e : null;
  const add = o.addSpecialTokens;
  const pp = st.postProcessor;
  if (t) {
    const extra = add && pp ? pp.addedTokens(eb !== null) : 0;
    // PARITY: the reference computes max_length - added in usize; below zero it wraps to a huge length
    // in its release build, so nothing is truncated.
    if (t.maxLength >= extra) [ea, eb] = truncatePair(ea, eb, t.maxLength - extra, t.stride ?? 0, t.direction ?? 'right', t.strategy ?? 'longest_first');
  }
  if (eb === null) {
    // One sequence: post-process in code points, then convert (as the reference reports them, then mapped).
    const e = pp ? pp.process(ea, null, add) : ea;
    const f = unitMap(a.conv, o.offsets);
    if (f) mapOffsets(e, f);
    return e;
  }
  // A pair: each sequence's offsets refer to its own text, so each is converted before they are
  // merged. ByteLevel's offset trimming counts whitespace chars, one UTF-16 unit each as one code
  // point (all Unicode whitespace is in the BMP), and byte-level tokens only hold ASCII spaces.
  const fa = unitMap(a.conv, o.offsets);
  if (fa) mapOffsets(ea, fa);
  const fb = unitMap(b!.conv, o.offsets);
  if (fb) mapOffsets(eb, fb);
  if (pp) return pp.process(ea, eb, add);
  // No post-processor: the pair is merged as is (the reference's default_process).
  return mergeEncodings([ea, eb]);
}

function roundUp(n: number, m: number | undefined): number {
  return m && m > 0 && n % m !== 0 ? n + m - (n % m) : n;
}

function padParams(p: PaddingOptions) {
  return { padId: p.padId ?? 0, padTypeId: p.padTypeId ?? 0, padToken: p.padToken ?? '[PAD]', direction: p.direction ?? 'right' } as const;
}

/** Pads a batch in place: to `p.length`, else to its longest encoding, rounded up to the multiple. */
export function padBatch(out: Encoding[], p: PaddingOptions | null): void {
  if (!p || out.length === 0) return;
  const target = p.length ?? out.reduce((m, e) => Math.max(m, e.ids.length), 0);
  const len = roundUp(target, p.padToMultipleOf);
  for (const e of out) padEncoding(e, len, padParams(p));
}
