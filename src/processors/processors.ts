// Post-processors: ByteLevel (offset trimming of spaces), TemplateProcessing (special tokens around
// the sequence, single-sequence template only), and Sequence. Offsets are in code points here.

import { BYTE_TO_CHAR } from '../models/bpe/byte-level.js';
import { rustIsWhitespace } from '../text/unicode-classes.js';
import { emptyEncoding, mergeEncodings, type Encoding } from '../tokenizer/encoding.js';
import type { PostProcessor } from './types.js';

const SPACE_CHAR = BYTE_TO_CHAR[32]!;
const isSpace = (c: string): boolean => c === SPACE_CHAR || rustIsWhitespace(c.codePointAt(0)!);

export class ByteLevelProcessor implements PostProcessor {
  constructor(readonly trimOffsets: boolean, readonly addPrefixSpace: boolean) {}
  addedTokens(): number {
    return 0;
  }
  process(e: Encoding, _add: boolean): Encoding {
    if (!this.trimOffsets) return e;
    // The reference trims the overflowing windows too (each on its own: "first" is the window's).
    for (const o of e.overflowing) this.process(o, _add);
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
        if (isFirst && this.addPrefixSpace && lead === 1) lead = 0;
        o[0] = Math.min(o[0] + lead, o[1]);
      }
      if (trail > 0 && o[1] >= trail) o[1] = Math.max(o[1] - trail, o[0]);
    });
    return e;
  }
}

export type TemplatePiece = { special: string; typeId: number } | { sequence: 'A' | 'B'; typeId: number };

export class TemplateProcessor implements PostProcessor {
  constructor(
    readonly single: readonly TemplatePiece[],
    readonly specialTokens: ReadonlyMap<string, { ids: number[]; tokens: string[] }>,
  ) {}
  addedTokens(): number {
    let n = 0;
    for (const p of this.single) if ('special' in p) n += this.specialTokens.get(p.special)!.ids.length;
    return n;
  }
  /**
   * Builds one encoding per template piece and merges them with the reference's merge rule, which
   * also wraps every overflowing window in the template. PARITY: the reference sets the piece's
   * type id on the main sequence only; overflowing windows keep the type ids they had (0).
   */
  process(e: Encoding, add: boolean): Encoding {
    const parts: Encoding[] = [];
    for (const p of this.single) {
      if ('sequence' in p) {
        const s: Encoding = { ...e, typeIds: new Array<number>(e.ids.length).fill(p.typeId) };
        parts.push(s);
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
    return mergeEncodings(parts);
  }
}

export class SequenceProcessor implements PostProcessor {
  constructor(readonly children: readonly PostProcessor[]) {}
  addedTokens(): number {
    return this.children.reduce((n, c) => n + c.addedTokens(), 0);
  }
  process(e: Encoding, add: boolean): Encoding {
    let r = e;
    for (const c of this.children) r = c.process(r, add);
    return r;
  }
}
