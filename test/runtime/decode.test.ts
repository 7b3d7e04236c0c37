// decode(ids, skipSpecialTokens) against the reference on random id sequences: ids of tokens whose
// bytes cut a UTF-8 character (alone, in runs, around whole tokens), special and added tokens, ids
// with no token, ids of encoded text; for the ByteLevel decoder's per-id text path and for the
// general decoder chain. Also the byte-level token → text conversion that path relies on, against a
// fatal TextDecoder.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BYTE_TO_CHAR, byteLevelText, bytesToByteLevel } from '../../src/models/bpe/byte-level.js';
import { Tokenizer } from '../../src/tokenizer.js';
import { added, polyglot } from './configs.js';
import { hostileString, refFromJSON, runSeed, SOAK } from './support.js';

type J = Record<string, unknown>;
const base = polyglot();
const CHAR_TO_BYTE = new Map(BYTE_TO_CHAR.map((c, b) => [c, b]));
const FATAL = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Ids of model tokens whose byte-level bytes are not well-formed UTF-8 on their own (decided by TextDecoder). */
function cutIds(cfg: J): number[] {
  const vocab = (cfg.model as { vocab: Record<string, number> }).vocab;
  const out: number[] = [];
  for (const [tok, id] of Object.entries(vocab)) {
    const bytes = [...tok].map((c) => CHAR_TO_BYTE.get(c));
    if (bytes.some((b) => b === undefined)) continue;
    try {
      FATAL.decode(Uint8Array.from(bytes as number[]));
    } catch {
      out.push(id);
    }
  }
  return out;
}

function idSequences(cfg: J, tok: Tokenizer, seed: number, numRuns: number): number[][] {
  const cut = cutIds(cfg);
  const addedIds = (cfg.added_tokens as Array<{ id: number }>).map((t) => t.id);
  const size = tok.vocabSize;
  const id = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...cut) },
    { weight: 4, arbitrary: fc.integer({ min: 0, max: size - 1 }) },
    { weight: 2, arbitrary: fc.constantFrom(...addedIds) },
    { weight: 1, arbitrary: fc.integer({ min: size, max: size + 50 }) }, // no token: skipped
  );
  const run = fc.oneof(
    { weight: 3, arbitrary: fc.array(id, { maxLength: 8 }) },
    { weight: 1, arbitrary: hostileString(4).map((s) => tok.encodeIds(s, { addSpecialTokens: false })).map((x) => Array.from(x)) },
  );
  return fc.sample(fc.array(run, { maxLength: 6 }).map((rs) => rs.flat()), { seed, numRuns });
}

const configs = (b: J): Array<[string, J]> => [
  ['polyglot-ko (ByteLevel decoder)', b],
  [
    'polyglot-ko + added tokens (normalized, non-special, special)',
    {
      ...b,
      normalizer: { type: 'Lowercase' },
      added_tokens: [
        ...(b.added_tokens as J[]),
        added(30003, '<mask>', { lstrip: true }),
        added(30004, 'Hello', { special: false, normalized: true }),
        added(30005, 'abc', { special: false }),
        added(30006, '안녕', { special: true, normalized: false }),
        added(30007, '\uFEFF', { special: false, normalized: false }),
      ],
    },
  ],
  ['polyglot-ko, decoder chain (Sequence of ByteLevel)', { ...b, decoder: { type: 'Sequence', decoders: [b.decoder] } }],
  ['polyglot-ko, no decoder', { ...b, decoder: null }],
];

describe.runIf(base)('decode against the reference on random ids', () => {
  const seed = runSeed('decode ids');
  for (const [name, cfg] of configs(base!)) {
    it(name, async () => {
      const json = JSON.stringify(cfg);
      const tok = Tokenizer.fromJSON(json);
      const r = refFromJSON(json);
      const seqs = idSequences(cfg, tok, seed, 1500 * SOAK);
      let replaced = 0;
      for (const skip of [false, true]) {
        const want = await r.decodeBatch(seqs, skip);
        replaced += want.filter((t) => t.includes('\uFFFD')).length;
        seqs.forEach((ids, i) => {
          expect(tok.decode(ids, { skipSpecialTokens: skip }), `seed ${seed}, ids ${JSON.stringify(ids)}, skip ${skip}`).toBe(want[i]);
        });
      }
      // With a byte-level decoder the cut-token path was exercised, not only whole tokens.
      if (cfg.decoder) expect(replaced).toBeGreaterThan(seqs.length / 4);
    });
  }
});

describe('byteLevelText', () => {
  it('gives the text of the bytes exactly when a fatal TextDecoder accepts them', () => {
    const seed = runSeed('utf8 check');
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 8 }),
      fc.array(fc.constantFrom(0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff), { maxLength: 8 }).map((a) => Uint8Array.from(a)),
      fc.string({ unit: 'binary', maxLength: 6 }).map((s) => new TextEncoder().encode(s)),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        let want: string | null;
        try {
          want = FATAL.decode(b);
        } catch {
          want = null;
        }
        expect(byteLevelText(bytesToByteLevel(b))).toBe(want);
      }),
      { seed, numRuns: 20000 * SOAK },
    );
    // A character outside the byte alphabet: not byte-level text (the caller takes the token's own UTF-8).
    expect(byteLevelText('ìķĪ')).toBe('안');
    expect(byteLevelText('안')).toBe(undefined);
    expect(byteLevelText('Ġa안')).toBe(undefined);
    expect(byteLevelText('ìķ')).toBe(null);
  });
});
