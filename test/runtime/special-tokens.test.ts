// Special-token control: `splitSpecialTokens` (tokenizers' encode_special_tokens, transformers'
// split_special_tokens) and the tiktoken-style `disallowedSpecial` guard.
// The reference's Node binding does not expose encode_special_tokens, so the oracle is the reference
// loaded from the same tokenizer.json with the special tokens left out of added_tokens: with the
// flag, the reference skips every special match (and nothing inside it matches from the same pass),
// which is what a vocabulary without them does as long as no non-special added token overlaps a
// special one — a precondition each config is checked for below.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DisallowedSpecialTokenError } from '../../src/config/errors.js';
import { Tokenizer } from '../../src/tokenizer.js';
import { sharedFile } from '../support/shared.js';
import { polyglot, polyglotVariants } from './configs.js';
import { hostileString, refFromJSON, runSeed, SOAK } from './support.js';

type J = Record<string, unknown>;
interface Added {
  content: string;
  special: boolean;
}
const base = polyglot();

/** True when some non-special token and some special token could share characters of a text. */
function overlaps(tokens: Added[]): boolean {
  const sp = tokens.filter((t) => t.special).map((t) => t.content);
  const ns = tokens.filter((t) => !t.special).map((t) => t.content);
  const touch = (a: string, b: string): boolean => {
    if (a.includes(b) || b.includes(a)) return true;
    for (let k = 1; k < Math.min(a.length, b.length); k++) if (a.endsWith(b.slice(0, k)) || b.endsWith(a.slice(0, k))) return true;
    return false;
  };
  return sp.some((a) => ns.some((b) => touch(a, b)));
}

function corpus(): string[] {
  const out: string[] = [];
  const f = sharedFile('corpora/nsmc/nsmc_raw_reviews.txt', 'runtime special tokens');
  if (!f) return out;
  const lines = readFileSync(f, 'utf8').split('\n').slice(0, 80);
  const specials = ['<|endoftext|>', '<|sep|>', '<|acc|>', '<|endoftext', '<mask>', '[END]'];
  lines.forEach((l, i) => {
    const k = Math.floor(l.length / 2);
    out.push(l, l.slice(0, k) + specials[i % specials.length]! + l.slice(k), `${specials[(i + 1) % specials.length]} ${l}${specials[i % specials.length]}`);
  });
  return out;
}

describe.runIf(base)('splitSpecialTokens encodes special-token text as plain text, like encode_special_tokens', () => {
  const seed = runSeed('runtime special tokens');
  const texts = [...corpus(), ...fc.sample(hostileString(16), { seed, numRuns: 300 * SOAK })];
  const pick = new Set(['polyglot-ko (fast path)', 'polyglot-ko general path (empty normalizer)', 'added tokens with flags', 'NFKC', 'TemplateProcessing']);
  for (const [name, cfg] of polyglotVariants(base!).filter(([n]) => pick.has(n))) {
    it(name, async () => {
      const added = cfg.added_tokens as Added[];
      expect(overlaps(added), 'oracle precondition: no non-special token overlaps a special one').toBe(false);
      const ours = Tokenizer.fromJSON(JSON.stringify(cfg));
      const ref = refFromJSON(JSON.stringify({ ...cfg, added_tokens: (added as unknown as J[]).filter((t) => !t.special) }));
      const want = await ref.encodeBatch(texts, { addSpecialTokens: true });
      // Without the special tokens the reference numbers the remaining added tokens differently: its
      // ids are compared through their token strings.
      const refR = ref as unknown as { idToToken(id: number): string | null };
      const mapId = (id: number): number | undefined => ours.tokenToId(refR.idToToken(id)!);
      let differ = 0;
      texts.forEach((t, i) => {
        const e = ours.encode(t, { splitSpecialTokens: true, offsets: 'codepoint' });
        const w = want[i]!;
        expect(JSON.stringify([e.ids, e.tokens, e.offsets]), JSON.stringify(t)).toBe(JSON.stringify([w.getIds().map(mapId), w.getTokens(), w.getOffsets()]));
        expect(ours.encodeIds(t, { splitSpecialTokens: true }), 'encodeIds').toEqual(e.ids);
        if (JSON.stringify(ours.encode(t).ids) !== JSON.stringify(e.ids)) differ++;
      });
      // The flag must have mattered on the texts holding special tokens.
      expect(differ).toBeGreaterThan(50);
    }, 120_000);
  }

  it('the default is unchanged (parity): special tokens in user text match', async () => {
    const ours = Tokenizer.fromJSON(JSON.stringify(base));
    const ref = refFromJSON(JSON.stringify(base));
    const t = '사용자 <|endoftext|>';
    expect(ours.encode(t).ids).toEqual((await ref.encode(t)).getIds());
    expect(ours.encode(t).ids).toContain(ours.tokenToId('<|endoftext|>'));
    expect(ours.encode(t, { splitSpecialTokens: true }).ids).not.toContain(ours.tokenToId('<|endoftext|>'));
  });
});

describe.runIf(base)('disallowedSpecial guards user text (tiktoken disallowed_special)', () => {
  const tok = base ? Tokenizer.fromJSON(JSON.stringify(base)) : null!;
  it("'all' throws DisallowedSpecialTokenError with the first special token and its offset", () => {
    const text = '안녕 <|sep|> 그리고 <|endoftext|>';
    let err: unknown;
    try {
      tok.encode(text, { disallowedSpecial: 'all' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DisallowedSpecialTokenError);
    expect((err as DisallowedSpecialTokenError).token).toBe('<|sep|>');
    expect((err as DisallowedSpecialTokenError).position).toBe(text.indexOf('<|sep|>'));
    expect(() => tok.encodeIds(text, { disallowedSpecial: 'all' })).toThrow(DisallowedSpecialTokenError);
    expect(() => tok.encode('a', text, { disallowedSpecial: 'all' })).toThrow(DisallowedSpecialTokenError);
    expect(() => tok.encodeBatch(['ok', text], { disallowedSpecial: ['<|endoftext|>'] })).toThrow(DisallowedSpecialTokenError);
  });
  it("a list checks only those tokens; 'none' and the default check nothing; clean text encodes as without the guard", () => {
    const text = '안녕 <|sep|>';
    expect(tok.encode(text, { disallowedSpecial: ['<|endoftext|>'] }).ids).toEqual(tok.encode(text).ids);
    expect(tok.encode(text, { disallowedSpecial: 'none' }).ids).toEqual(tok.encode(text).ids);
    expect(tok.encode('오늘 날씨', { disallowedSpecial: 'all' }).ids).toEqual(tok.encode('오늘 날씨').ids);
    // With splitSpecialTokens, a user who allows the text encodes it as plain text.
    expect(tok.encode(text, { splitSpecialTokens: true, disallowedSpecial: 'none' }).ids).not.toContain(tok.tokenToId('<|sep|>'));
  });
});
