// Post-processors: ByteLevel (offset trimming of spaces), TemplateProcessing (special tokens around
// one sequence or a pair, with type ids), and Sequence. Offsets are in code points here for a single
// sequence (the tokenizer converts them afterwards); see tokenizer/encode.ts for pairs.

import { BYTE_TO_CHAR } from '../models/bpe/byte-level.js';
import { rustIsWhitespace } from '../text/unicode-classes.js';
import { cloneEncoding, emptyEncoding, mergeEncodings, type Encoding } from '../tokenizer/encoding.js';
import type { PostProcessor } from './types.js';

const SPACE_CHAR = BYTE_TO_CHAR[32]!;
const isSpace = (c: string): boolean => c === SPACE_CHAR || rustIsWhitespace(c.codePointAt(0)!);

/**
 * The trait's provided `process`: the sequences through `processEncodings`, then
 * `Encoding::merge(…, false)`. The trait also sets each sequence's type ids to its index; the
 * tokenizer already builds them so (0 for the first, 1 for the pair), so that is not redone here.
 */
abstract class BaseProcessor implements PostProcessor {
  abstract addedTokens(isPair: boolean): number;
  abstract processEncodings(encodings: Encoding[], addSpecialTokens: boolean): Encoding[];
  process(e: Encoding, pair: Encoding | null, add: boolean): Encoding {
    const out = this.processEncodings(pair ? [e, pair] : [e], add);
    // Merging one encoding into an empty one yields a copy of it (its overflowing windows cloned): skip the copy.
    return out.length === 1 ? out[0]! : mergeEncodings(out);
  }
}

/** The reference's `process_offsets`: trims leading/trailing spaces off each token's offsets. */
function trimOffsets(e: Encoding, addPrefixSpace: boolean): void {
  e.tokens.forEach((tok, i) => {
    const cs = [...tok];
    let lead = 0;
    while (lead < cs.length && isSpace(cs[lead]!)) lead++;
    let trail = 0;
    while (trail < cs.length && isSpace(cs[cs.length - 1 - trail]!)) trail++;
    if (lead === 0 && trail === 0) return;
    const o = e.offsets[i]!;
    if (lead > 0) {
      const isFirst = i === 0 || o[0] === 0;
      if (isFirst && addPrefixSpace && lead === 1) lead = 0;
      o[0] = Math.min(o[0] + lead, o[1]);
    }
    if (trail > 0 && o[1] >= trail) o[1] = Math.max(o[1] - trail, o[0]);
  });
}

export class ByteLevelProcessor extends BaseProcessor {
  constructor(readonly trimOffsets: boolean, readonly addPrefixSpace: boolean) {
    super();
  }
  addedTokens(_isPair: boolean): number {
    return 0;
  }
  processEncodings(encodings: Encoding[], _add: boolean): Encoding[] {
    if (!this.trimOffsets) return encodings;
    // The reference trims the overflowing windows too (each on its own: "first" is the window's).
    for (const e of encodings) {
      trimOffsets(e, this.addPrefixSpace);
      for (const o of e.overflowing) trimOffsets(o, this.addPrefixSpace);
    }
    return encodings;
  }
}

export type TemplatePiece = { special: string; typeId: number } | { sequence: 'A' | 'B'; typeId: number };

/** The reference's TemplateProcessing builder default for `pair` (a tokenizer.json without one). */
export const DEFAULT_PAIR_TEMPLATE: readonly TemplatePiece[] = [
  { sequence: 'A', typeId: 0 },
  { sequence: 'B', typeId: 1 },
];

export class TemplateProcessor extends BaseProcessor {
  private readonly addedSingle: number;
  private readonly addedPair: number;
  constructor(
    readonly single: readonly TemplatePiece[],
    readonly specialTokens: ReadonlyMap<string, { ids: number[]; tokens: string[] }>,
    readonly pair: readonly TemplatePiece[] = DEFAULT_PAIR_TEMPLATE,
  ) {
    super();
    const count = (t: readonly TemplatePiece[]): number => t.reduce((n, p) => n + ('special' in p ? (specialTokens.get(p.special)?.ids.length ?? 0) : 0), 0);
    this.addedSingle = count(single);
    this.addedPair = count(pair);
  }
  addedTokens(isPair: boolean): number {
    return isPair ? this.addedPair : this.addedSingle;
  }
  /**
   * One encoding per template piece (the reference's apply_template); `process` merges them with
   * the reference's merge rule, which also wraps every overflowing window in the template.
   * PARITY: the piece's type id is set on the sequence itself only; overflowing windows keep the
   * type ids they had (0 for the first sequence, 1 for the pair).
   */
  processEncodings(encodings: Encoding[], add: boolean): Encoding[] {
    if (encodings.length !== 1 && encodings.length !== 2) throw new RangeError(`TemplateProcessing takes 1 or 2 encodings, got ${encodings.length}`);
    const template = encodings.length === 2 ? this.pair : this.single;
    const parts: Encoding[] = [];
    const used = [false, false];
    for (const p of template) {
      if ('sequence' in p) {
        const i = p.sequence === 'A' ? 0 : 1;
        const src = encodings[i];
        // A pair template naming B for a single sequence: the reference indexes out of bounds (a panic).
        if (src === undefined) throw new RangeError(`the template names sequence ${p.sequence}, which was not given`);
        // The reference clones the sequence per piece; a sequence used twice must not share the offset
        // tuples a later processor (ByteLevel in a Sequence) trims in place.
        const base = used[i] ? cloneEncoding(src) : src;
        used[i] = true;
        parts.push({ ...base, typeIds: new Array<number>(src.ids.length).fill(p.typeId) });
      } else if (add) {
        const t = this.specialTokens.get(p.special)!;
        const s = emptyEncoding();
        s.ids.push(...t.ids);
        s.tokens.push(...t.tokens);
        for (let i = 0; i < t.ids.length; i++) {
          s.offsets.push([0, 0]);
          s.typeIds.push(p.typeId);
          s.attentionMask.push(1);
          s.specialTokensMask.push(1);
        }
        parts.push(s);
      }
    }
    return parts;
  }
}

export class SequenceProcessor extends BaseProcessor {
  constructor(readonly children: readonly PostProcessor[]) {
    super();
  }
  addedTokens(isPair: boolean): number {
    return this.children.reduce((n, c) => n + c.addedTokens(isPair), 0);
  }
  processEncodings(encodings: Encoding[], add: boolean): Encoding[] {
    let r = encodings;
    for (const c of this.children) r = c.processEncodings(r, add);
    return r;
  }
}
