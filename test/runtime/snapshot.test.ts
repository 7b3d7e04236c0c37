// Binary snapshots (src/config/snapshot.ts, Tokenizer.toSnapshot / fromJSON / fromFile): a round
// trip is indistinguishable from the tokenizer.json it was made from, and every corruption is a
// SnapshotError (or, for random damage, at worst some MbbpeError) — never a TypeError, RangeError
// or a hang. MBBPE_SEED replays the generated part; MBBPE_SOAK=1 runs 20x more.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SnapshotError, TokenizerConfigError } from '../../src/config/errors.js';
import { isSnapshot } from '../../src/config/snapshot.js';
import { MbbpeError } from '../../src/errors.js';
import { Tokenizer as BaseTokenizer } from '../../src/tokenizer.js';
import { NodeTokenizer as Tokenizer } from '../../src/tokenizer/node-tokenizer.js';
import { repoRoot, sharedFile } from '../support/shared.js';
import { polyglot, polyglotVariants, smallBpe, smallVariants } from './configs.js';
import { attempt, CORPORA, corpusLines, diffEncode, diffVocab, tokensOf, tookFastPath } from './load-compare.js';
import { hostileString, runSeed, SOAK } from './support.js';

const LINES = corpusLines(CORPORA, 200 * SOAK, 'snapshot corpus');
const HOSTILE = fc.sample(hostileString(), { numRuns: 100 * SOAK, seed: 7 });
const SMALL_TEXTS = ['the cat sat on the mat', 'Hello, World! 123', '한국어 가나다 한국', 'xyz\u00e9\u0000 😀 th the', 'tttthhhhhe', ''];

/** Full comparison of a snapshot round trip: t2 = fromJSON(t.toSnapshot()). */
function expectRoundTrip(name: string, t: BaseTokenizer, texts: readonly string[]): Uint8Array {
  const s = t.toSnapshot();
  expect(isSnapshot(s), name).toBe(true);
  const t2 = BaseTokenizer.fromJSON(s);
  expect(tookFastPath(t2), `${name}: a snapshot load keeps its bytes`).toBe(true);
  expect(diffVocab(t2, t, tokensOf(t)), name).toBeNull();
  expect(diffEncode(t2, t, texts, ['utf16', 'codepoint', 'byte']), name).toBeNull();
  expect(JSON.stringify(t2.config), `${name}: config`).toBe(JSON.stringify(t.config));
  expect(t2.config).toEqual(t.config);
  expect(t2.truncation, name).toEqual(t.truncation);
  expect(t2.padding, name).toEqual(t.padding);
  expect(t2.addedTokens, name).toEqual(t.addedTokens);
  expect(t2.specialTokens, name).toEqual(t.specialTokens);
  // A snapshot of the loaded snapshot is the same bytes.
  const s2 = t2.toSnapshot();
  expect.soft(s2.length, `${name}: re-snapshot length`).toBe(s.length);
  expect.soft(Buffer.from(s2).equals(Buffer.from(s)), `${name}: re-snapshot bytes`).toBe(true);
  // At an odd byteOffset (typed-array views need alignment: the reader must copy).
  const padded = new Uint8Array(s.length + 5);
  padded.set(s, 1);
  const odd = padded.subarray(1, 1 + s.length);
  const t3 = BaseTokenizer.fromJSON(odd);
  padded.fill(0); // the caller's buffer may be reused
  expect(diffEncode(t3, t, texts.slice(0, 50)), `${name}: odd offset`).toBeNull();
  expect(diffVocab(t3, t, []), name).toBeNull();
  // As an ArrayBuffer.
  const t4 = BaseTokenizer.fromJSON(s.slice().buffer);
  expect(diffEncode(t4, t, texts.slice(0, 20)), `${name}: ArrayBuffer`).toBeNull();
  return s;
}

const REAL: Array<[string, string | null]> = [
  ['polyglot-ko', sharedFile('vocab/polyglot-ko/tokenizer.json', 'snapshot')],
  ['mbbpe-2022-07', sharedFile('vocab/mbbpe-2022-07/tokenizer.json', 'snapshot')],
  ['mbbpe-ko-30k (repo)', resolve(repoRoot, 'vocab/mbbpe-ko-30k/tokenizer.json')],
];

describe('snapshot round trip of real tokenizers', () => {
  for (const [name, file] of REAL) {
    it.runIf(file)(`${name}: from bytes (fast path) and from the parsed object`, () => {
      const text = readFileSync(file!, 'utf8');
      const texts = [...LINES, ...HOSTILE];
      const fast = Tokenizer.fromFile(file!);
      expect(tookFastPath(fast)).toBe(true);
      const s = expectRoundTrip(`${name} (file)`, fast, texts);
      // A snapshot made from the parsed object loads the same tokenizer.
      const ordinary = Tokenizer.fromJSON(JSON.parse(text) as object);
      const so = expectRoundTrip(`${name} (object)`, ordinary, texts.slice(0, 300));
      expect(diffEncode(BaseTokenizer.fromJSON(so), fast, texts.slice(0, 300))).toBeNull();
      // fromFile on a written snapshot.
      const dir = mkdtempSync(join(tmpdir(), 'mbbpe-snap-'));
      const f = join(dir, 'x.mbbpe');
      writeFileSync(f, s);
      const fromFile = Tokenizer.fromFile(f);
      expect(fromFile).toBeInstanceOf(Tokenizer);
      expect(diffEncode(fromFile, fast, texts.slice(0, 300))).toBeNull();
      expect(diffVocab(fromFile, fast, tokensOf(fast))).toBeNull();
      // The comparison can fail: a tokenizer with fewer merges is told apart.
      const cut = JSON.parse(text) as { model: { merges: unknown[] } };
      cut.model.merges = cut.model.merges.slice(0, 2000);
      expect(diffEncode(BaseTokenizer.fromJSON(cut), fromFile, texts.slice(0, 100))).not.toBeNull();
      // The snapshot is smaller than nothing in particular, but it is not the JSON.
      expect(isSnapshot(new TextEncoder().encode(text))).toBe(false);
    });
  }
});

describe('snapshot round trip of every component configuration', () => {
  const base = polyglot();
  const configs: Array<[string, object]> = [...smallVariants(), ...(base ? polyglotVariants(base) : [])];
  // Truncation and padding from the file travel in the pipeline JSON.
  const small = smallBpe({ unk: '<unk>' });
  configs.push(['small: truncation + padding in the file', { ...small, truncation: { max_length: 5, stride: 1, strategy: 'LongestFirst', direction: 'left' }, padding: { strategy: { Fixed: 8 }, direction: 'Left', pad_to_multiple_of: null, pad_id: 0, pad_type_id: 1, pad_token: '<unk>' } }]);
  const big = base ? [...LINES.slice(0, 150), ...HOSTILE.slice(0, 60)] : [];
  for (const [name, cfg] of configs) {
    it(name, () => {
      const loaded = attempt(() => BaseTokenizer.fromJSON(cfg));
      if (!loaded.ok) {
        // Only configurations the runtime refuses are skipped, and they are refused with a typed error.
        expect(loaded.error).toBeInstanceOf(MbbpeError);
        return;
      }
      const texts = [...SMALL_TEXTS, ...(name.startsWith('small') ? HOSTILE.slice(0, 60) : big)];
      expectRoundTrip(`${name} (object)`, loaded.value, texts);
      // And from its text (the fast path where it applies).
      const fromText = BaseTokenizer.fromJSON(JSON.stringify(cfg));
      expectRoundTrip(`${name} (text)`, fromText, texts.slice(0, 80));
      if (name.includes('truncation')) {
        const t2 = BaseTokenizer.fromJSON(loaded.value.toSnapshot());
        expect(t2.truncation).not.toBeNull();
        expect(t2.padding).not.toBeNull();
        expect(t2.encode('a b c d e f g h i j').ids.length).toBe(8);
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Corruption.

const smallTok = BaseTokenizer.fromJSON(JSON.stringify(smallBpe({ unk: '<unk>', byteFallback: true })));
const SNAP = smallTok.toSnapshot();

interface Layout {
  hl: number;
  header: Record<string, number>;
  /** Byte offset of each array, in write order. */
  at: Record<'pool' | 'start' | 'ids' | 'slots' | 'left' | 'right' | 'rank' | 'mergedId' | 'rest', number>;
}

/** The layout of a snapshot, re-derived from the documented format (magic, version, header length, header JSON, arrays). */
function layout(s: Uint8Array): Layout {
  const dv = new DataView(s.buffer, s.byteOffset, s.byteLength);
  const hl = dv.getUint32(12, true);
  const header = JSON.parse(new TextDecoder().decode(s.subarray(16, 16 + hl))) as Record<string, number>;
  const al = (n: number, a: number) => Math.ceil(n / a) * a;
  let at = al(16 + hl, 8);
  const sizes: Array<[keyof Layout['at'], number]> = [
    ['pool', header.poolUnits! * 2],
    ['start', (header.count! + 1) * 4],
    ['ids', header.count! * 4],
    ['slots', header.slots! * 4],
    ['left', header.pairSlots! * 4],
    ['right', header.pairSlots! * 4],
    ['rank', header.pairSlots! * 4],
    ['mergedId', header.merges! * 4],
  ];
  const out = {} as Layout['at'];
  for (const [k, n] of sizes) {
    at = al(at, 4);
    out[k] = at;
    at += n;
  }
  out.rest = al(at, 4);
  return { hl, header, at: out };
}

/** A snapshot with its header JSON replaced (lengths recomputed, arrays moved as the format says). */
function withHeader(s: Uint8Array, edit: (h: Record<string, unknown>) => void): Uint8Array {
  const L = layout(s);
  const h: Record<string, unknown> = { ...L.header };
  edit(h);
  const hb = new TextEncoder().encode(JSON.stringify(h));
  const oldBody = s.subarray(Math.ceil((16 + L.hl) / 8) * 8);
  const bodyAt = Math.ceil((16 + hb.length) / 8) * 8;
  const out = new Uint8Array(bodyAt + oldBody.length);
  out.set(s.subarray(0, 12));
  new DataView(out.buffer).setUint32(12, hb.length, true);
  out.set(hb, 16);
  out.set(oldBody, bodyAt);
  return out;
}

function i32(s: Uint8Array, at: number, index: number, v: number): Uint8Array {
  const c = s.slice();
  new DataView(c.buffer).setInt32(at + index * 4, v, true);
  return c;
}

function expectSnapshotError(bytes: Uint8Array, message: RegExp, what: string): void {
  const r = attempt(() => BaseTokenizer.fromJSON(bytes));
  expect(r.ok, `${what}: must not load`).toBe(false);
  const e = (r as { error: unknown }).error;
  expect(e, `${what}: ${String(e)}`).toBeInstanceOf(SnapshotError);
  expect((e as Error).message, what).toMatch(message);
}

describe('corrupted snapshots are refused with a SnapshotError naming the problem', () => {
  it('the test layout matches the writer (control)', () => {
    const L = layout(SNAP);
    expect(L.header.count).toBe(smallTok.vocabSize - 0 /* unk is in the vocab */);
    expect(L.at.rest + L.header.restBytes! + L.header.jsonBytes!).toBe(SNAP.length);
    expect(withHeader(SNAP, () => {})).toEqual(SNAP);
    expect(diffEncode(BaseTokenizer.fromJSON(withHeader(SNAP, () => {})), smallTok, SMALL_TEXTS)).toBeNull();
  });

  it('truncated at every 7th byte of the first 4 KB and at each of the last 64 bytes', () => {
    const cuts = new Set<number>();
    for (let n = 8; n < Math.min(4096, SNAP.length); n += 7) cuts.add(n);
    for (let n = Math.max(8, SNAP.length - 64); n < SNAP.length; n++) cuts.add(n);
    expect(cuts.size).toBeGreaterThan(100);
    for (const n of cuts) expectSnapshotError(SNAP.slice(0, n), /truncated|length|header/, `truncated to ${n}`);
  });

  it('shorter than the signature / wrong magic: read as JSON, a TokenizerConfigError', () => {
    for (const b of [SNAP.slice(0, 7), (() => { const c = SNAP.slice(); c[0] = 0x6e; return c; })(), (() => { const c = SNAP.slice(); c[7] = 0x51; return c; })()]) {
      const r = attempt(() => BaseTokenizer.fromJSON(b));
      expect(r.ok).toBe(false);
      expect((r as { error: unknown }).error).toBeInstanceOf(TokenizerConfigError);
    }
  });

  it('an appended byte', () => {
    const c = new Uint8Array(SNAP.length + 1);
    c.set(SNAP);
    expectSnapshotError(c, /length/, 'appended byte');
  });

  it('another format version', () => {
    for (const v of [0, 2, 0xffffffff]) {
      const c = SNAP.slice();
      new DataView(c.buffer).setUint32(8, v, true);
      expectSnapshotError(c, new RegExp(`version ${v}`), `version ${v}`);
    }
  });

  it('header length huge or garbage header JSON', () => {
    for (const hl of [0xffffffff, 0x7fffffff, SNAP.length]) {
      const c = SNAP.slice();
      new DataView(c.buffer).setUint32(12, hl, true);
      expectSnapshotError(c, /header/, `header length ${hl}`);
    }
    const L = layout(SNAP);
    const g = SNAP.slice();
    g.fill(0x7b, 16, 16 + L.hl); // {{{{…
    expectSnapshotError(g, /unreadable header/, 'garbage header');
    const z = SNAP.slice();
    new DataView(z.buffer).setUint32(12, 0, true);
    expectSnapshotError(z, /header/, 'empty header');
    expectSnapshotError(withHeader(SNAP, (h) => { delete h.count; }), /count/, 'missing field');
    expectSnapshotError(withHeader(SNAP, (h) => { h.count = -1; }), /count/, 'negative count');
    expectSnapshotError(withHeader(SNAP, (h) => { h.merges = 1.5; }), /merges/, 'fractional merges');
    expectSnapshotError(withHeader(SNAP, (h) => { h.slots = '64'; }), /slots/, 'string slots');
    expectSnapshotError(withHeader(SNAP, (h) => { h.poolUnits = 2 ** 40; }), /poolUnits/, 'huge poolUnits');
    expectSnapshotError(withHeader(SNAP, (h) => { h.maxId = -2; }), /maxId/, 'maxId -2');
    const notObj = new TextEncoder().encode('null    ');
    const n = SNAP.slice();
    n.set(notObj, 16);
    new DataView(n.buffer).setUint32(12, notObj.length, true);
    expect(attempt(() => BaseTokenizer.fromJSON(n)).ok).toBe(false);
  });

  it('header counts that do not match the arrays', () => {
    for (const k of ['count', 'poolUnits', 'slots', 'pairSlots', 'merges', 'restBytes', 'jsonBytes']) {
      expectSnapshotError(withHeader(SNAP, (h) => { h[k] = (h[k] as number) + 1; }), /truncated|length|power|offsets|cover|range|slot|header/, `${k} + 1`);
      expectSnapshotError(withHeader(SNAP, (h) => { h[k] = (h[k] as number) + 1000; }), /truncated|length|power|offsets|cover|range|slot|header/, `${k} + 1000`);
    }
  });

  it('table sizes that are not powers of two', () => {
    // A vocab table one slot shorter: the arrays after it shift, so build it by hand from the header.
    expectSnapshotError(withHeader(SNAP, (h) => { h.slots = (h.slots as number) - 1; }), /power|length|truncated/, 'slots - 1');
    expectSnapshotError(withHeader(SNAP, (h) => { h.pairSlots = (h.pairSlots as number) - 1; }), /power|length|truncated/, 'pairSlots - 1');
    // Same total length: slots - 1 and pairSlots with... simplest exact case: both tables' sizes swapped into a non-power.
    const L = layout(SNAP);
    const c = withHeader(SNAP, (h) => { h.slots = (h.slots as number) - 1; h.jsonBytes = (h.jsonBytes as number) + 4; });
    expect(c.length).toBeGreaterThan(L.at.rest);
    expectSnapshotError(c, /powers of two/, 'slots - 1, length kept');
  });

  it('a vocab table or merge table with no empty slot', () => {
    const L = layout(SNAP);
    const full = SNAP.slice();
    const dv = new DataView(full.buffer);
    for (let i = 0; i < L.header.slots!; i++) if (dv.getInt32(L.at.slots + i * 4, true) === -1) dv.setInt32(L.at.slots + i * 4, 0, true);
    expectSnapshotError(full, /vocab table has no empty slot/, 'full vocab table');
    const fullM = SNAP.slice();
    const dm = new DataView(fullM.buffer);
    for (let i = 0; i < L.header.pairSlots!; i++) {
      if (dm.getInt32(L.at.left + i * 4, true) === -1) {
        dm.setInt32(L.at.left + i * 4, 0, true);
        dm.setInt32(L.at.rank + i * 4, 0, true);
      }
    }
    expectSnapshotError(fullM, /merge table has no empty slot/, 'full merge table');
  });

  it('out-of-range entries, ids, ranks, merged ids and token offsets', () => {
    const L = layout(SNAP);
    const h = L.header;
    const firstUsed = (at: number, n: number): number => {
      const dv = new DataView(SNAP.buffer, SNAP.byteOffset);
      for (let i = 0; i < n; i++) if (dv.getInt32(at + i * 4, true) !== -1) return i;
      throw new Error('no used slot');
    };
    const vs = firstUsed(L.at.slots, h.slots!);
    expectSnapshotError(i32(SNAP, L.at.slots, vs, h.count!), /vocab slot/, 'slot names entry count');
    expectSnapshotError(i32(SNAP, L.at.slots, vs, -2), /vocab slot/, 'slot -2');
    expectSnapshotError(i32(SNAP, L.at.ids, 0, h.maxId! + 1), /token id .* out of range/, 'id maxId + 1');
    expectSnapshotError(i32(SNAP, L.at.ids, 0, -1), /token id .* out of range/, 'id -1');
    const ms = firstUsed(L.at.left, h.pairSlots!);
    expectSnapshotError(i32(SNAP, L.at.rank, ms, h.merges!), /merge slot .* rank/, 'rank = merges');
    expectSnapshotError(i32(SNAP, L.at.rank, ms, -1), /merge slot .* rank/, 'rank -1');
    expectSnapshotError(i32(SNAP, L.at.mergedId, 0, h.maxId! + 1), /merge 0 makes id/, 'merged id maxId + 1');
    expectSnapshotError(i32(SNAP, L.at.mergedId, 0, -1), /merge 0 makes id/, 'merged id -1');
    expectSnapshotError(i32(SNAP, L.at.start, 0, 1), /offsets/, 'start[0] = 1');
    expectSnapshotError(i32(SNAP, L.at.start, h.count!, h.poolUnits! + 1), /offsets/, 'start[count] past the pool');
    expectSnapshotError(i32(SNAP, L.at.start, 2, 0x7fffffff), /offsets/, 'start decreasing');
  });

  it('a maxId far above every id is refused (else the first encode walks maxId holes: ~70 s for 2^31-1)', () => {
    // The writer's maxId is the largest id in the tables; only loading is tried here, so a reader
    // that accepts it fails fast instead of hanging the suite.
    for (const maxId of [2 ** 31 - 1, 1e9]) {
      expectSnapshotError(withHeader(SNAP, (h) => { h.maxId = maxId; }), /maxId|range|id/, `maxId ${maxId}`);
    }
  });

  it('the pipeline JSON and the embedded tokenizer.json', () => {
    const L = layout(SNAP);
    const c = SNAP.slice();
    c[L.at.rest] = 0x5b; // '[' instead of '{'
    const r = attempt(() => BaseTokenizer.fromJSON(c));
    expect(r.ok).toBe(false);
    expect((r as { error: unknown }).error).toBeInstanceOf(MbbpeError);
    const g = SNAP.slice();
    g[L.at.rest + 1] = 0x01;
    expectSnapshotError(g, /pipeline JSON/, 'garbage pipeline JSON');
    // Damage inside the embedded tokenizer.json: the tokenizer may load, but reading `config`
    // must not throw a bare SyntaxError.
    const j = SNAP.slice();
    j[L.at.rest + L.header.restBytes! + 1] = 0x01;
    const t = attempt(() => BaseTokenizer.fromJSON(j));
    if (t.ok) {
      const cfg = attempt(() => t.value.config);
      if (!cfg.ok) expect(cfg.error, String(cfg.error)).toBeInstanceOf(MbbpeError);
    } else expect(t.error).toBeInstanceOf(MbbpeError);
  });
});

describe('random damage to a small snapshot', () => {
  it('loads and encodes, or throws an MbbpeError — never a TypeError / RangeError / hang', () => {
    const seed = runSeed('snapshot damage');
    const L = layout(SNAP);
    let loaded = 0;
    let refused = 0;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            // Aim at the header and tables most of the time; anywhere else sometimes.
            at: fc.oneof(fc.integer({ min: 8, max: L.at.rest + 64 }), fc.integer({ min: 0, max: SNAP.length - 1 })),
            op: fc.constantFrom('flip', 'set', 'int'),
            bit: fc.integer({ min: 0, max: 7 }),
            value: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0xff, 0x00, 0x7f, 0x80)),
            int: fc.constantFrom(-1, -2, 0, 1, 2 ** 31 - 1, -(2 ** 31), 65535, 7),
          }),
          { minLength: 1, maxLength: 4 },
        ),
        (edits) => {
          const c = SNAP.slice();
          for (const e of edits) {
            if (e.op === 'flip') c[e.at] = c[e.at]! ^ (1 << e.bit);
            else if (e.op === 'set') c[e.at] = e.value;
            else if (e.at + 4 <= c.length) new DataView(c.buffer).setInt32(e.at & ~3, e.int, true);
          }
          const r = attempt(() => {
            const t = BaseTokenizer.fromJSON(c);
            for (const s of SMALL_TEXTS) {
              const enc = t.encode(s);
              t.decode(enc.ids);
            }
            t.encodeIds('the other one');
            t.idToToken(3);
            t.tokenToId('th');
            return t.vocabSize;
          });
          if (r.ok) loaded++;
          else {
            refused++;
            if (!(r.error instanceof MbbpeError)) throw new Error(`not an MbbpeError: ${String((r.error as Error)?.stack ?? r.error)}`);
          }
        },
      ),
      { seed, numRuns: 400 * SOAK },
    );
    process.stderr.write(`[snapshot damage] ${loaded} loaded, ${refused} refused\n`);
    expect(refused).toBeGreaterThan(0);
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------
// Issue 14 bug 4: one flipped bit anywhere must be refused (before the checksum, 33 of 40 flips of
// the Polyglot-Ko snapshot loaded and one encoded a line differently). A flip inside the magic makes
// the bytes "not a snapshot", so they are read as JSON: TokenizerConfigError; everywhere else the
// reader names the damage (SnapshotError) — a structural check or, at the latest, the checksum.

/** What loading `bytes` with one bit flipped throws; null when it loaded. */
function flipOutcome(s: Uint8Array, byte: number, bit: number): unknown {
  const c = s.slice();
  c[byte] = c[byte]! ^ (1 << bit);
  const r = attempt(() => BaseTokenizer.fromJSON(c));
  return r.ok ? null : r.error;
}

function expectFlipRefused(s: Uint8Array, byte: number, bit: number, tally: Map<string, number>): void {
  const e = flipOutcome(s, byte, bit);
  const want = byte < 8 ? TokenizerConfigError : SnapshotError;
  if (!(e instanceof want)) {
    // One assertion per failure only (tens of thousands of flips pass through here).
    expect.fail(`bit ${bit} of byte ${byte} (of ${s.length}): ${e === null ? 'loaded' : `threw ${String(e)}`}, wanted a ${want.name}`);
  }
  const key = e instanceof SnapshotError ? e.reason.replace(/[\d"]+|\(.*\)/g, '#').slice(0, 40) : want.name;
  tally.set(key, (tally.get(key) ?? 0) + 1);
}

// These loops run for a minute on a loaded machine: a worker that never yields cannot answer
// vitest's RPC in time ("Timeout calling onTaskUpdate", an unhandled error that fails the run).
let lastBreath = Date.now();
async function breather(): Promise<void> {
  if (Date.now() - lastBreath < 100) return;
  await new Promise((r) => setImmediate(r));
  lastBreath = Date.now();
}

describe('every flipped bit of a snapshot is refused (issue 14 bug 4)', () => {
  it('control: the undamaged snapshots load, and a flip is seen by the checksum even where the structure is still valid', () => {
    expect(diffEncode(BaseTokenizer.fromJSON(SNAP), smallTok, SMALL_TEXTS)).toBeNull();
    // A byte of the embedded tokenizer.json: no structural check reads it at load, only the checksum.
    const L = layout(SNAP);
    const e = flipOutcome(SNAP, L.at.rest + L.header.restBytes! + 5, 0);
    expect(e).toBeInstanceOf(SnapshotError);
    expect((e as SnapshotError).reason).toMatch(/checksum mismatch/);
  });

  it('each of the bits of a small tokenizer\'s snapshot', async () => {
    const tally = new Map<string, number>();
    for (let byte = 0; byte < SNAP.length; byte++) {
      for (let bit = 0; bit < 8; bit++) expectFlipRefused(SNAP, byte, bit, tally);
      await breather();
    }
    const total = [...tally.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(SNAP.length * 8);
    process.stderr.write(`[snapshot bit flips, small] ${SNAP.length} bytes, ${total} flips refused: ${JSON.stringify(Object.fromEntries(tally))}\n`);
  }, 120_000);

  const pk = sharedFile('vocab/polyglot-ko/tokenizer.json', 'snapshot bit flips (Polyglot-Ko)');
  it.runIf(pk)('bits across the Polyglot-Ko snapshot: the header, every array, the pipeline JSON and the embedded tokenizer.json', async () => {
    const s = BaseTokenizer.fromJSON(readFileSync(pk!)).toSnapshot();
    const L = layout(s);
    const h = L.header;
    // Regions in file order: [start, end) byte ranges as the documented layout places them.
    const regions: Array<[string, number, number]> = [
      ['magic', 0, 8],
      ['version + header length', 8, 16],
      ['header JSON', 16, 16 + L.hl],
      ['pool', L.at.pool, L.at.pool + h.poolUnits! * 2],
      ['start', L.at.start, L.at.start + (h.count! + 1) * 4],
      ['ids', L.at.ids, L.at.ids + h.count! * 4],
      ['slots', L.at.slots, L.at.slots + h.slots! * 4],
      ['left', L.at.left, L.at.left + h.pairSlots! * 4],
      ['right', L.at.right, L.at.right + h.pairSlots! * 4],
      ['rank', L.at.rank, L.at.rank + h.pairSlots! * 4],
      ['mergedId', L.at.mergedId, L.at.mergedId + h.merges! * 4],
      ['pipeline JSON', L.at.rest, L.at.rest + h.restBytes!],
      ['tokenizer.json', L.at.rest + h.restBytes!, s.length],
    ];
    expect(regions.at(-1)![2]).toBe(s.length);
    const tally = new Map<string, number>();
    let flips = 0;
    for (const [, from, to] of regions) {
      const n = to - from;
      expect(n).toBeGreaterThan(0);
      // Small regions bit by bit; large ones at ~160 bytes spread evenly (first and last included),
      // the bit rotating with the byte. An odd stride, so positions fall on every byte lane of a word.
      const positions: Array<[number, number]> = [];
      if (n * 8 <= 400) for (let b = from; b < to; b++) for (let bit = 0; bit < 8; bit++) positions.push([b, bit]);
      else {
        const stride = Math.max(1, Math.floor(n / 160)) | 1;
        for (let b = from, k = 0; b < to; b += stride, k++) positions.push([b, k % 8]);
        positions.push([to - 1, 7]);
      }
      for (const [b, bit] of positions) {
        expectFlipRefused(s, b, bit, tally);
        await breather();
      }
      flips += positions.length;
    }
    expect(flips).toBeGreaterThan(1500);
    process.stderr.write(`[snapshot bit flips, Polyglot-Ko] ${s.length} bytes, ${flips} flips across ${regions.length} regions refused: ${JSON.stringify(Object.fromEntries(tally))}\n`);
  }, 300_000);
});
