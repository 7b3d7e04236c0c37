// The eval figures against a naive re-derivation from bytes: token spans from the concatenated
// token bytes (not from offsets), boundaries and cut tokens from UTF-8 character starts, eojeols by
// regex. Real corpus lines the vocabularies were not trained on, and generated text.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Analyzer } from '../../src/morph/analyzer.js';
import { evaluate } from '../../src/eval/evaluate.js';
import { TokenBytes } from '../../src/eval/pieces.js';
import type { Tokenizer } from '../../src/tokenizer.js';
import { analyzer } from '../morph/analyzer-load.js';
import { corpusLines, koreanText, tokenizers } from './support.js';

interface Naive {
  tokens: number;
  chars: number;
  eojeols: number;
  whole: number;
  cut: number;
  tokenBoundaries: number;
  inside: number;
  morph: number;
  matched: number;
  used: Set<number>;
}

function naive(lines: string[], tok: Tokenizer, an: Analyzer): Naive {
  const r: Naive = { tokens: 0, chars: 0, eojeols: 0, whole: 0, cut: 0, tokenBoundaries: 0, inside: 0, morph: 0, matched: 0, used: new Set() };
  const tb = new TokenBytes(tok);
  const enc = new TextEncoder();
  for (const line of lines) {
    const chars = [...line];
    const bytes = enc.encode(line);
    // byte offset → code point index of the char it belongs to; char start flags
    const cpOf: number[] = [];
    const isStart = new Set<number>();
    let b = 0;
    chars.forEach((c, i) => {
      isStart.add(b);
      const n = enc.encode(c).length;
      for (let k = 0; k < n; k++) cpOf.push(i);
      b += n;
    });
    isStart.add(bytes.length);
    const ids = tok.encode(line, { addSpecialTokens: false }).ids;
    r.tokens += ids.length;
    r.chars += chars.length;
    let pos = 0;
    const starts: Array<{ cp: number; inside: boolean }> = [];
    for (const id of ids) {
      r.used.add(id);
      const len = tb.of(id).length;
      const s = pos;
      const e = pos + len;
      pos = e;
      if (!isStart.has(e)) r.cut++;
      if (!isStart.has(s)) {
        starts.push({ cp: cpOf[s]!, inside: true });
        continue;
      }
      let cp = cpOf[s]!;
      let cb = s;
      while (cb < e && /\s/.test(chars[cp]!)) {
        cb += enc.encode(chars[cp]!).length;
        cp++;
      }
      if (cb >= e) continue;
      starts.push({ cp, inside: false });
    }
    expect(pos, 'token bytes tile the line').toBe(bytes.length);
    const morph = new Set<number>();
    for (const m of an.analyze(line)) {
      const cp = [...line.slice(0, m.start)].length;
      if (cp > 0 && !/\s/.test(chars[cp]!)) morph.add(cp);
    }
    r.morph += morph.size;
    const seen = new Set<number>();
    for (const st of starts) {
      if (st.cp === 0) continue;
      if (st.inside) {
        r.tokenBoundaries++;
        r.inside++;
        continue;
      }
      if (seen.has(st.cp)) continue;
      seen.add(st.cp);
      r.tokenBoundaries++;
      if (morph.has(st.cp)) r.matched++;
    }
    for (const m of line.matchAll(/\S+/gu)) {
      r.eojeols++;
      const a = [...line.slice(0, m.index)].length;
      const z = a + [...m[0]].length;
      const inIt = starts.filter((x) => x.cp >= a && x.cp < z);
      if (inIt.length === 1 && inIt[0]!.cp === a && !inIt[0]!.inside) r.whole++;
    }
  }
  return r;
}

async function check(lines: string[], name: string, tok: Tokenizer, an: Analyzer): Promise<void> {
  const rep = (await evaluate(lines, [{ name, tokenizer: tok }], { analyzer: an })).tokenizers[0]!;
  const n = naive(lines, tok, an);
  expect(rep.tokens).toBe(n.tokens);
  expect(rep.chars).toBe(n.chars);
  expect(rep.eojeols).toBe(n.eojeols);
  expect(rep.eojeolWholeShare).toBe(n.eojeols ? n.whole / n.eojeols : null);
  expect(rep.cutTokenShare).toBe(n.tokens ? n.cut / n.tokens : null);
  expect(rep.tokenBoundaries).toBe(n.tokenBoundaries);
  expect(rep.insideCharBoundaries).toBe(n.inside);
  expect(rep.morphemeBoundaries).toBe(n.morph);
  expect(rep.matchedBoundaries).toBe(n.matched);
  expect(rep.vocabUsed).toBe(n.used.size);
  const hist = rep.eojeolTokenHistogram.reduce((a, b) => a + b, 0);
  expect(hist).toBe(n.eojeols);
}

describe('eval figures = naive byte-level re-derivation', () => {
  for (const { name, tok } of tokenizers()) {
    it(`${name}: held-out corpus lines`, async () => {
      const an = await analyzer();
      const lines = corpusLines(25);
      expect(lines.length).toBeGreaterThan(100);
      await check(lines, name, tok, an);
    });
    it(`${name}: generated text`, async () => {
      const an = await analyzer();
      await fc.assert(
        fc.asyncProperty(fc.array(koreanText, { minLength: 1, maxLength: 6 }), async (lines) => check(lines, name, tok, an)),
        { numRuns: 150 },
      );
    });
  }

  it('shares are fractions, F1 is the harmonic mean, no analyser → no morpheme keys', async () => {
    const { tok } = tokenizers()[0]!;
    const an = await analyzer();
    const lines = corpusLines(200);
    const [r] = (await evaluate(lines, [{ name: 'x', tokenizer: tok }], { analyzer: an })).tokenizers;
    for (const k of ['eojeolWholeShare', 'cutTokenShare', 'morphemePrecision', 'morphemeRecall', 'morphemeF1', 'vocabUsedShare'] as const) {
      expect(r![k]).toBeGreaterThanOrEqual(0);
      expect(r![k]).toBeLessThanOrEqual(1);
    }
    const p = r!.morphemePrecision!;
    const rc = r!.morphemeRecall!;
    expect(r!.morphemeF1).toBeCloseTo((2 * p * rc) / (p + rc), 12);
    const without = (await evaluate(lines, [{ name: 'x', tokenizer: tok }], { note: 'no dictionary' })).tokenizers[0]!;
    expect(without.morphemeF1).toBeUndefined();
    expect(without.morphemePrecision).toBeUndefined();
    expect(without.tokens).toBe(r!.tokens);
  });

  it('empty input gives zero counts and null ratios, not NaN', async () => {
    const { tok } = tokenizers()[0]!;
    const rep = await evaluate([], [{ name: 'x', tokenizer: tok }]);
    expect(rep.tokenizers[0]!.tokensPerChar).toBeNull();
    expect(JSON.stringify(rep)).not.toContain('NaN');
  });
});
