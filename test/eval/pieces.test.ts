// Readable pieces: the escapes and characters of a line's pieces, read back, are exactly the line's
// bytes; a token made of whole characters is its text; cut syllables show as <0xNN>.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToPiece, piecesOf, TokenBytes, visiblePiece } from '../../src/eval/pieces.js';
import { koreanText, tokenizers } from './support.js';

function unescape(pieces: string[]): Uint8Array {
  const out: number[] = [];
  const enc = new TextEncoder();
  for (const p of pieces) {
    for (const part of p.split(/(<0x[0-9A-F]{2}>)/)) {
      if (/^<0x[0-9A-F]{2}>$/.test(part)) out.push(parseInt(part.slice(3, 5), 16));
      else out.push(...enc.encode(part));
    }
  }
  return Uint8Array.from(out);
}

describe('readable pieces', () => {
  it('bytesToPiece: whole characters as text, partial and invalid bytes escaped', () => {
    expect(bytesToPiece(new TextEncoder().encode(' 안녕'))).toBe(' 안녕');
    expect(bytesToPiece(Uint8Array.of(0xeb, 0x98))).toBe('<0xEB><0x98>');
    expect(bytesToPiece(Uint8Array.of(0xa0, 0x41))).toBe('<0xA0>A');
    expect(bytesToPiece(Uint8Array.of(0xc0, 0xaf))).toBe('<0xC0><0xAF>'); // overlong
    expect(bytesToPiece(Uint8Array.of(0xed, 0xa0, 0x80))).toBe('<0xED><0xA0><0x80>'); // surrogate
    expect(bytesToPiece(Uint8Array.of(0xf0, 0x9f, 0x98, 0x80))).toBe('😀');
    expect(visiblePiece(' a\tb')).toBe('▁a<0x09>b');
  });
  for (const { name, tok } of tokenizers()) {
    const tb = new TokenBytes(tok);
    it(`${name}: pieces read back to the text's bytes`, () => {
      fc.assert(
        fc.property(koreanText, (text) => {
          const ids = tok.encode(text, { addSpecialTokens: false }).ids;
          const pieces = piecesOf(ids, tb);
          expect(Buffer.from(unescape(pieces))).toEqual(Buffer.from(new TextEncoder().encode(text)));
          pieces.forEach((p, i) => {
            if (!p.includes('<0x')) expect(p).toBe(tok.decode([ids[i]!]));
          });
        }),
        { numRuns: 300 },
      );
    });
    it(`${name}: added tokens are their content`, () => {
      for (const t of tok.addedTokens) expect(bytesToPiece(tb.of(t.id))).toBe(t.content);
    });
  }
});
