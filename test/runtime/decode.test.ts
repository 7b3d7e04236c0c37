// decode(ids, skipSpecialTokens) against the reference on random id sequences: ids of tokens whose
// bytes cut a UTF-8 character (alone, in runs, around whole tokens), special and added tokens, ids
// with no token, ids of encoded text; for the ByteLevel decoder's per-id text path and for the
// general decoder chain. Also the byte-level token → text conversion that path relies on, against a
// fatal TextDecoder.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8LossyInto } from '../../src/decoders/utf8-lossy.js';
import { charCodeUtf16Text, decoderUtf16Text, nodeUtf16Text, utf16Text } from '../../src/decoders/utf16-text.js';
import { byteLevelText } from '../../src/decoders/decode-ids.js';
import { BYTE_TO_CHAR, bytesToByteLevel } from '../../src/models/bpe/byte-level.js';
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

describe.runIf(base)('decode of long id sequences and typed arrays, against the reference', () => {
  // The per-id path writes into buffers that grow past 1,024 code units and are dropped past 65,536:
  // sequences long enough to cross both, from the same mix of ids as above, and as Int32Array /
  // Uint32Array (what encodeIdsBatchParallel and tiktoken-style callers pass).
  it('matches on sequences of up to 200k ids', async () => {
    const json = JSON.stringify(base);
    const tok = Tokenizer.fromJSON(json);
    const r = refFromJSON(json);
    const seed = runSeed('decode long');
    const short = idSequences(base!, tok, seed, 3000);
    const seqs: number[][] = [];
    for (const len of [900, 1100, 5000, 40000, 200000]) {
      const ids: number[] = [];
      for (let i = 0; ids.length < len; i++) ids.push(...short[i % short.length]!);
      seqs.push(ids.slice(0, len));
    }
    for (const skip of [false, true]) {
      const want = await r.decodeBatch(seqs, skip);
      seqs.forEach((ids, i) => {
        const why = `seed ${seed}, ${ids.length} ids, skip ${skip}`;
        expect(tok.decode(ids, { skipSpecialTokens: skip }), why).toBe(want[i]);
        expect(tok.decode(Int32Array.from(ids), { skipSpecialTokens: skip }), why).toBe(want[i]);
        // After a long decode the buffers shrink again: the next short decode is still exact.
        expect(tok.decode(short[i]!, { skipSpecialTokens: skip }), why).toBe(tok.decode(Uint32Array.from(short[i]!), { skipSpecialTokens: skip }));
      });
    }
  });

  it('matches on long runs of short whole tokens (the unchecked four-unit store)', async () => {
    // Only tokens of 1-4 units (decided by the reference) and none longer: no other step grows the buffer.
    const json = JSON.stringify(base);
    const tok = Tokenizer.fromJSON(json);
    const r = refFromJSON(json);
    const all = Array.from({ length: tok.vocabSize }, (_, id) => [id]);
    const texts = await r.decodeBatch(all, false);
    const short = all.filter((_, id) => texts[id]!.length >= 1 && texts[id]!.length <= 4 && !texts[id]!.includes('\uFFFD')).map(([id]) => id!);
    expect(short.length).toBeGreaterThan(1000);
    const seed = runSeed('decode short run');
    const seqs = fc.sample(fc.array(fc.constantFrom(...short), { minLength: 8000, maxLength: 30000 }), { seed, numRuns: 4 });
    const want = await r.decodeBatch(seqs, false);
    seqs.forEach((ids, i) => expect(tok.decode(ids), `seed ${seed}, ${ids.length} ids`).toBe(want[i]));
  });

  it('matches on the ids of long encoded text, from number[] and Int32Array alike', async () => {
    const json = JSON.stringify(base);
    const tok = Tokenizer.fromJSON(json);
    const r = refFromJSON(json);
    const seed = runSeed('decode encoded long');
    const texts = fc.sample(hostileString(8), { seed, numRuns: 300 });
    const long = texts.join('\n');
    // (Not decode(encode(t)) === t: this vocabulary has no token for some bytes, and the reference drops those too.)
    const seqs = [...texts, long, long + long].map((t) => Array.from(tok.encodeIds(t, { addSpecialTokens: false })));
    const want = await r.decodeBatch(seqs, false);
    seqs.forEach((ids, i) => {
      expect(tok.decode(ids), `seed ${seed}, ${ids.length} ids`).toBe(want[i]);
      expect(tok.decode(Int32Array.from(ids)), `seed ${seed}, ${ids.length} ids`).toBe(want[i]);
    });
  });
});

describe('utf8LossyInto (runs of cut tokens)', () => {
  it('gives what a non-fatal TextDecoder gives, on random and edge-case bytes', () => {
    const lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
    const seed = runSeed('utf8 lossy');
    const edge = [0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff];
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 16 }),
      fc.array(fc.constantFrom(...edge), { maxLength: 16 }).map((a) => Uint8Array.from(a)),
      fc.string({ unit: 'binary', maxLength: 8 }).map((s) => new TextEncoder().encode(s)),
    );
    const out = new Uint16Array(64).fill(0x41);
    fc.assert(
      fc.property(bytes, fc.integer({ min: 0, max: 4 }), (b, at) => {
        const end = utf8LossyInto(b, b.length, out, at);
        expect(String.fromCharCode(...out.subarray(at, end))).toBe(lossy.decode(b));
        // Only the first k bytes count.
        if (b.length > 0) expect(String.fromCharCode(...out.subarray(at, utf8LossyInto(b, b.length - 1, out, at)))).toBe(lossy.decode(b.subarray(0, b.length - 1)));
      }),
      { seed, numRuns: 20000 * SOAK },
    );
  });
});

describe('utf16Text (the ByteLevel decode\'s last step)', () => {
  it('every available path gives the units exactly, a leading U+FEFF kept', () => {
    const paths = [utf16Text, nodeUtf16Text(), decoderUtf16Text(), charCodeUtf16Text()];
    // This test runs on Node (little-endian): all four paths exist and are checked.
    expect(paths.every((p) => p !== null)).toBe(true);
    const seed = runSeed('utf16 text');
    const strings = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `\uFEFF${s}`),
      fc.string({ unit: 'binary-ascii', maxLength: 40 }),
      fc.constant('가'.repeat(9000)),
    );
    const units = new Uint16Array(20000);
    fc.assert(
      fc.property(strings, fc.integer({ min: 0, max: 3 }), (s, pad) => {
        units.fill(0x41);
        for (let i = 0; i < s.length; i++) units[i] = s.charCodeAt(i);
        // Units past n (left over from a longer decode) are not part of the text.
        for (const p of paths) expect(p!(units, s.length)).toBe(s);
        const sub = new Uint16Array(s.length + pad);
        sub.set(units.subarray(0, s.length));
        for (const p of paths) expect(p!(sub, s.length)).toBe(s);
      }),
      { seed, numRuns: 500 * SOAK },
    );
  });
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
