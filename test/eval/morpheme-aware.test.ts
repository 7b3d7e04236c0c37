// Morpheme-aware encoding against the training path: the same ids as encoding the line that the
// trainer's pre-segmentation (joinMorphemes) produces; decoding gives the text back; offsets slice
// the original text; added-token spans stay one token; tokenizers that keep the marker are refused.

import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bytesToPiece, TokenBytes } from '../../src/eval/pieces.js';
import { joinMorphemes } from '../../src/morph/marker.js';
import { encodeWithMorphemes, markMorphemes, MorphemeModeError } from '../../src/tokenizer/morpheme-aware.js';
import { Tokenizer } from '../../src/tokenizer/node-tokenizer.js';
import { MbbpeError } from '../../src/errors.js';
import { analyzer } from '../morph/analyzer-load.js';
import { corpusLines, koreanText, OURS, tokenizers } from './support.js';

describe('morpheme-aware encoding', () => {
  for (const { name, tok } of tokenizers()) {
    const bytes = new TokenBytes(tok);
    const checkLine = (an: Awaited<ReturnType<typeof analyzer>>, line: string): void => {
      const e = encodeWithMorphemes(tok, line, an, { addSpecialTokens: false });
      expect(e.ids).toEqual(tok.encode(joinMorphemes(an, line), { addSpecialTokens: false }).ids);
      expect(tok.decode(e.ids)).toBe(line);
      e.ids.forEach((id, i) => {
        const piece = bytesToPiece(bytes.of(id));
        const [s, t] = e.offsets[i]!;
        if (!piece.includes('<0x')) expect(line.slice(s, t)).toBe(piece);
      });
      const cp = encodeWithMorphemes(tok, line, an, { addSpecialTokens: false, offsets: 'codepoint' });
      const chars = [...line];
      cp.offsets.forEach(([s, t], i) => {
        const [us, ut] = e.offsets[i]!;
        expect(chars.slice(0, s).join('').length).toBe(us);
        expect(chars.slice(0, t).join('').length).toBe(ut);
      });
    };
    it(`${name}: held-out lines = encode(joinMorphemes(line)), round trip, offsets`, async () => {
      const an = await analyzer();
      const lines = corpusLines(45).filter((l) => !l.includes('<|'));
      for (const l of lines) checkLine(an, l);
    });
    it(`${name}: generated text`, async () => {
      const an = await analyzer();
      fc.assert(fc.property(koreanText, (l) => checkLine(an, l)), { numRuns: 300 });
    });
    it(`${name}: an added token typed in the text stays one token`, async () => {
      const an = await analyzer();
      const eot = tok.addedTokens.find((t) => t.content === '<|endoftext|>')!;
      fc.assert(
        fc.property(fc.array(koreanText, { minLength: 1, maxLength: 4 }), (parts) => {
          const text = parts.join('<|endoftext|>');
          const e = encodeWithMorphemes(tok, text, an, { addSpecialTokens: false });
          expect(e.ids.filter((x) => x === eot.id).length).toBe(parts.length - 1);
          expect(tok.decode(e.ids)).toBe(text);
        }),
        { numRuns: 100 },
      );
      // Morphemes inside the span are not marked (MeCab splits "<|endoftext|>" into several).
      const spans: Array<[number, number]> = [[3, 16]];
      const { marked } = markMorphemes('가방 <|endoftext|>에', an, spans);
      expect(marked.slice(3, 16)).toBe('<|endoftext|>');
    });
  }

  it('tok.encode(text, { morphemes }) is the morpheme-aware encoding; tokenText is the readable piece', async () => {
    const an = await analyzer();
    for (const { tok } of tokenizers()) {
      for (const l of corpusLines(200)) {
        expect(tok.encode(l, { morphemes: an })).toEqual(encodeWithMorphemes(tok, l, an));
        expect(tok.encode(l, { morphemes: an, offsets: 'byte', addSpecialTokens: false })).toEqual(encodeWithMorphemes(tok, l, an, { offsets: 'byte', addSpecialTokens: false }));
      }
      expect(() => tok.encode('가방', '에', { morphemes: an })).toThrow(MbbpeError);
      const tb = new TokenBytes(tok);
      for (const id of [0, 4, 300, 1000, 29999, tok.vocabSize - 1, 10 ** 7]) expect(tok.tokenText(id)).toBe(bytesToPiece(tb.of(id)));
    }
  });

  it('refuses a tokenizer whose pipeline keeps the marker', async () => {
    const an = await analyzer();
    const json = JSON.parse(readFileSync(OURS, 'utf8'));
    json.pre_tokenizer = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };
    const tok = Tokenizer.fromJSON(json);
    expect(() => encodeWithMorphemes(tok, '아버지가방에', an)).toThrow(MorphemeModeError);
    expect(() => encodeWithMorphemes(tok, '아버지가방에', an)).toThrow(MbbpeError);
  });

  it('marks only where MeCab splits without a space; maps positions back', async () => {
    const an = await analyzer();
    const { marked, toOriginal, markers } = markMorphemes('아버지가 방에', an);
    expect(marked.replace(/\u0cf1/g, '')).toBe('아버지가 방에');
    expect(markers).toBe((marked.match(/\u0cf1/g) ?? []).length);
    expect(marked).not.toMatch(/ \u0cf1|\u0cf1 /);
    for (let i = 0; i <= marked.length; i++) {
      expect(toOriginal[i]).toBe(marked.slice(0, i).replace(/\u0cf1/g, '').length);
    }
  });
});
