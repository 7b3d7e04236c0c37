// The fast tokenizer.json loader (src/config/scan-bpe.ts, parseScanned in src/tokenizer.ts) must be
// indistinguishable from the ordinary JSON.parse path: real vocabularies loaded from text, bytes and
// ArrayBuffers against the parsed object; generated documents with hostile tokens, random formatting
// and key order; and hand-made mutations that must make the scanner bail and still load (or fail)
// exactly like the ordinary path. MBBPE_SEED replays the generated part; MBBPE_SOAK=1 runs 20x more.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenizerConfigError } from '../../src/config/errors.js';
import { scanBpeJson } from '../../src/config/scan-bpe.js';
import { Tokenizer } from '../../src/tokenizer.js';
import { repoRoot, sharedFile } from '../support/shared.js';
import { attempt, CORPORA, corpusLines, diffEncode, diffErrors, diffVocab, tokensOf, tookFastPath } from './load-compare.js';
import { hostileString, runSeed, SOAK } from './support.js';

const UTF8 = new TextEncoder();
const LOSSY = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

// ---------------------------------------------------------------------------------------------
// A. Real vocabularies: every load form against the parsed object.

const REAL: Array<[string, string | null]> = [
  ['polyglot-ko', sharedFile('vocab/polyglot-ko/tokenizer.json', 'fast-load')],
  ['mbbpe-2022-07', sharedFile('vocab/mbbpe-2022-07/tokenizer.json', 'fast-load')],
  ['mbbpe-ko-30k (repo)', resolve(repoRoot, 'vocab/mbbpe-ko-30k/tokenizer.json')],
];

const LINES = corpusLines(CORPORA, 500 * SOAK, 'fast-load corpus');

describe('fast loader on real tokenizer.json files', () => {
  for (const [name, file] of REAL) {
    it.runIf(file)(`${name}: text, Buffer, offset Uint8Array and ArrayBuffer load exactly like the parsed object`, () => {
      const text = readFileSync(file!, 'utf8');
      const buf = readFileSync(file!);
      const padded = new Uint8Array(buf.length + 7);
      padded.set(buf, 3);
      const offsetView = padded.subarray(3, 3 + buf.length);
      expect(offsetView.byteOffset).toBe(3);
      const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length);

      // The scanner accepts the plain file.
      expect(scanBpeJson(buf)).not.toBeNull();
      const ordinary = Tokenizer.fromJSON(JSON.parse(text) as object);
      expect(tookFastPath(ordinary)).toBe(false);
      const loads: Array<[string, Tokenizer]> = [
        ['text', Tokenizer.fromJSON(text)],
        ['Buffer', Tokenizer.fromJSON(buf)],
        ['Uint8Array at byteOffset 3', Tokenizer.fromJSON(offsetView)],
        ['ArrayBuffer', Tokenizer.fromJSON(ab)],
      ];
      // The caller's buffer may be reused: the tokenizer must not depend on it afterwards.
      padded.fill(0x20);

      const tokens = tokensOf(ordinary);
      expect(ordinary.vocabSize).toBeGreaterThan(1000);
      const texts = [...LINES, ...fc.sample(hostileString(), { numRuns: 200 * SOAK, seed: 42 })];
      expect(texts.length).toBeGreaterThan(200);
      for (const [how, tok] of loads) {
        expect(tookFastPath(tok), `${how} took the fast path`).toBe(true);
        expect(diffVocab(tok, ordinary, tokens), how).toBeNull();
        expect(tok.config, how).toEqual(ordinary.config);
        expect(tok.addedTokens).toEqual(ordinary.addedTokens);
        expect(tok.truncation).toEqual(ordinary.truncation);
        expect(tok.padding).toEqual(ordinary.padding);
      }
      // Encodings: all units on the text load, utf16 on the others (same tables, shared code).
      expect(diffEncode(loads[0]![1], ordinary, texts, ['utf16', 'codepoint', 'byte'])).toBeNull();
      for (const [how, tok] of loads.slice(1)) expect(diffEncode(tok, ordinary, texts.slice(0, 600)), how).toBeNull();
      // The comparison can fail: a different tokenizer is told apart.
      const cut = JSON.parse(text) as { model: { merges: unknown[] } };
      cut.model.merges = cut.model.merges.slice(0, 2000);
      const other = Tokenizer.fromJSON(cut);
      expect(diffEncode(other, ordinary, LINES.length ? LINES.slice(0, 50) : ['안녕하세요 반갑습니다 hello world'])).not.toBeNull();
    });
  }
});

// ---------------------------------------------------------------------------------------------
// B. Generated documents.

/** A JSON object with explicit key order (and keys such as "__proto__" kept as plain data). */
class Obj {
  constructor(readonly e: Array<[string, Node]>) {}
}
type Node = null | boolean | number | string | Node[] | Obj;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Characters that stress the decoders: JSON escapes, controls, 1- to 4-byte UTF-8, lone surrogates. */
const ALPHA = [
  'a', 'b', 'c', 'x', ' ', '"', '\\', '/', ':', ',', '{', '}', '[', ']', '0', '1',
  '\u0000', '\u0001', '\b', '\f', '\n', '\r', '\t', '\u001f', '\u007f',
  'é', 'ß', '\u07ff', '\u0800', '가', '한', '\uFFFD', '\uFEFF', '\u2028', '\u2029',
  '😀', '𝔘', '\u{10FFFF}', '\uD800', '\uDBFF', '\uDC00', '\uDFFF',
];

const tokenArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ALPHA) },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...ALPHA), { minLength: 2, maxLength: 3 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '') },
);

interface GenDoc {
  text: string;
  /** Model keys put merges before vocab: the scanner must bail. */
  mergesFirst: boolean;
  /** A structural key was written with an escape: the scanner must bail. */
  escapedKey: boolean;
  vocab: string[];
  texts: string[];
}

function shuffle<T>(a: T[], r: () => number): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

function buildDoc(seed: number, base: string[], nMerges: number, extraTexts: string[]): GenDoc {
  const r = mulberry32(seed);
  const vocab = [...base];
  const inVocab = new Set(vocab);
  const merges: Array<[string, string]> = [];
  for (let k = 0; k < nMerges; k++) {
    if (merges.length > 0 && r() < 0.08) {
      merges.push(merges[Math.floor(r() * merges.length)]!); // repeated pair: last rank wins
      continue;
    }
    const a = vocab[Math.floor(r() * vocab.length)]!;
    const b = vocab[Math.floor(r() * vocab.length)]!;
    if (!inVocab.has(a + b)) {
      inVocab.add(a + b);
      vocab.push(a + b);
    }
    merges.push([a, b]);
  }
  // Ids: a permutation, sometimes with gaps.
  const ids = shuffle(vocab.map((_, i) => i), r);
  const gap = r() < 0.3 ? 1 + Math.floor(r() * 3) : 1;
  const idOf = ids.map((i) => i * gap + (r() < 0.2 ? 5 : 0));
  // Keep ids unique after the offset.
  const used = new Set<number>();
  for (let i = 0; i < idOf.length; i++) {
    while (used.has(idOf[i]!)) idOf[i]!++;
    used.add(idOf[i]!);
  }
  const maxId = Math.max(-1, ...idOf);
  const vocabEntries: Array<[string, Node]> = vocab.map((t, i) => [t, idOf[i]!]);
  shuffle(vocabEntries, r);
  const mergeNodes: Node[] = merges.map(([a, b]) => (!a.includes(' ') && !b.includes(' ') && r() < 0.6 ? `${a} ${b}` : [a, b]));

  const unk = r() < 0.3 ? vocab[Math.floor(r() * vocab.length)]! : null;
  const added: Node[] = r() < 0.4 ? [new Obj([['id', maxId + 1], ['content', '<s>'], ['single_word', false], ['lstrip', false], ['rstrip', false], ['normalized', false], ['special', true]])] : [];
  const preTok = [null, new Obj([['type', 'Whitespace']]), new Obj([['type', 'Split'], ['pattern', new Obj([['String', ' ']])], ['behavior', 'Isolated'], ['invert', false]])][Math.floor(r() * 3)]!;
  const decoder = r() < 0.5 ? null : new Obj([['type', 'Fuse']]);
  const modelEntries: Array<[string, Node]> = [
    ['type', 'BPE'],
    ['dropout', null],
    ['unk_token', unk],
    ['continuing_subword_prefix', r() < 0.2 ? '' : null],
    ['end_of_word_suffix', null],
    ['fuse_unk', r() < 0.5],
    ['byte_fallback', false],
    ['ignore_merges', r() < 0.2],
    ['vocab', new Obj(vocabEntries)],
  ];
  if (merges.length > 0 || r() < 0.7) modelEntries.push(['merges', mergeNodes]);
  shuffle(modelEntries, r);
  const vi = modelEntries.findIndex(([k]) => k === 'vocab');
  const mi = modelEntries.findIndex(([k]) => k === 'merges');
  let mergesFirst = mi >= 0 && mi < vi;
  if (mergesFirst && r() < 0.8) {
    [modelEntries[vi], modelEntries[mi]] = [modelEntries[mi]!, modelEntries[vi]!];
    mergesFirst = false;
  }
  const top: Array<[string, Node]> = shuffle(
    [
      ['version', '1.0'],
      ['truncation', null],
      ['padding', null],
      ['added_tokens', added],
      ['normalizer', null],
      ['pre_tokenizer', preTok],
      ['post_processor', null],
      ['decoder', decoder],
      ['model', new Obj(modelEntries)],
    ],
    r,
  );
  const escapedKey = r() < 0.03;
  const mode = Math.floor(r() * 4); // 0 compact, 1 indent 2, 2 tab, 3 random whitespace and escapes
  const text = serialize(new Obj(top), mode, r, escapedKey);

  const texts = [...extraTexts];
  for (let k = 0; k < 8; k++) {
    let s = '';
    const n = Math.floor(r() * 10);
    for (let j = 0; j < n; j++) s += r() < 0.6 ? vocab[Math.floor(r() * vocab.length)]! : ALPHA[Math.floor(r() * ALPHA.length)]!;
    texts.push(s);
  }
  return { text, mergesFirst, escapedKey, vocab, texts };
}

const STRUCTURAL = new Set(['model', 'vocab', 'merges']);

function serialize(root: Node, mode: number, r: () => number, escapeStructural: boolean): string {
  const WS = ['', ' ', '\n', '\r\n', '\t', '  \n\t', '\r'];
  const ws = (depth: number): string => (mode === 0 ? '' : mode === 3 ? WS[Math.floor(r() * WS.length)]! : '\n' + (mode === 1 ? '  ' : '\t').repeat(depth));
  const colon = (): string => (mode === 0 ? ':' : mode === 3 ? WS[Math.floor(r() * WS.length)]! + ':' + WS[Math.floor(r() * WS.length)]! : ': ');
  const str = (s: string, data: boolean): string => {
    const plain = JSON.stringify(s);
    if (!data || mode !== 3 || r() < 0.5) return plain;
    // Re-escape: some characters as \uXXXX (any), '/' as '\/'.
    let out = '"';
    const inner = plain.slice(1, -1);
    for (let i = 0; i < inner.length; i++) {
      const c = inner[i]!;
      if (c === '\\') {
        // keep an existing escape as is
        const n = inner[i + 1]!;
        const len = n === 'u' ? 6 : 2;
        out += inner.slice(i, i + len);
        i += len - 1;
      } else if (c === '/' && r() < 0.5) out += '\\/';
      else if (/[\uD800-\uDBFF]/.test(c) && /[\uDC00-\uDFFF]/.test(inner[i + 1] ?? '')) {
        // A raw surrogate pair stays whole (two \u escapes, or raw): half of it raw would make the
        // text ill-formed UTF-16, which is a different document once encoded as bytes.
        if (r() < 0.3) out += '\\u' + c.charCodeAt(0).toString(16) + '\\u' + inner.charCodeAt(i + 1).toString(16);
        else out += c + inner[i + 1];
        i++;
      } else if (r() < 0.3) out += '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
      else out += c;
    }
    return out + '"';
  };
  const go = (n: Node, depth: number, dataStrings: boolean): string => {
    if (n === null || typeof n === 'boolean' || typeof n === 'number') return JSON.stringify(n);
    if (typeof n === 'string') return str(n, dataStrings);
    if (Array.isArray(n)) {
      if (n.length === 0) return '[]';
      return '[' + n.map((x) => ws(depth + 1) + go(x, depth + 1, dataStrings)).join(',') + ws(depth) + ']';
    }
    if (n.e.length === 0) return '{' + ws(depth) + '}';
    return (
      '{' +
      n.e
        .map(([k, v]) => {
          const isData = k !== 'vocab' && k !== 'merges' && dataStrings;
          let key = str(k, dataStrings);
          if (escapeStructural && STRUCTURAL.has(k)) key = '"' + k.slice(0, -1) + '\\u' + k.charCodeAt(k.length - 1).toString(16).padStart(4, '0') + '"';
          const childData = k === 'vocab' || k === 'merges' || isData;
          return ws(depth + 1) + key + colon() + go(v, depth + 1, childData);
        })
        .join(',') +
      ws(depth) +
      '}'
    );
  };
  return ws(0) + go(root, 0, false) + ws(0);
}

/** Compares the text, bytes and object loads of `text`; returns the first difference or null. */
function compareLoads(text: string, texts: readonly string[], vocab: readonly string[]): { diff: string | null; fast: boolean } {
  const bytes = UTF8.encode(text);
  const o = attempt(() => Tokenizer.fromJSON(JSON.parse(text) as object));
  const t = attempt(() => Tokenizer.fromJSON(text));
  const b = attempt(() => Tokenizer.fromJSON(bytes));
  for (const [how, x] of [['text', t], ['bytes', b]] as const) {
    if (!x.ok || !o.ok) {
      const d = diffErrors(x.ok ? null : x.error, o.ok ? null : o.error);
      if (d) return { diff: `${how}: ${d}`, fast: false };
    }
  }
  if (!o.ok || !t.ok || !b.ok) return { diff: null, fast: false };
  if (tookFastPath(o.value)) return { diff: 'the object load kept a source', fast: false };
  if (tookFastPath(t.value) !== tookFastPath(b.value)) return { diff: 'text and bytes loads took different paths', fast: false };
  const toks = [...tokensOf(o.value), ...vocab];
  for (const [how, x] of [['text', t.value], ['bytes', b.value]] as const) {
    const d = diffVocab(x, o.value, toks) ?? diffEncode(x, o.value, texts, ['utf16', 'codepoint']);
    if (d) return { diff: `${how}: ${d}`, fast: tookFastPath(x) };
    if (JSON.stringify(x.config) !== JSON.stringify(o.value.config)) return { diff: `${how}: config differs`, fast: tookFastPath(x) };
  }
  return { diff: null, fast: tookFastPath(t.value) };
}

describe('fast loader on generated tokenizer.json documents', () => {
  it('loads every document exactly like JSON.parse + the ordinary path (or fails the same way), mostly on the fast path', () => {
    const seed = runSeed('fast-load generated');
    let total = 0;
    let fast = 0;
    fc.assert(
      fc.property(
        fc.integer(),
        fc.uniqueArray(tokenArb, { minLength: 1, maxLength: 14 }),
        fc.nat(24),
        fc.array(hostileString(6), { maxLength: 4 }),
        (s, base, nMerges, extra) => {
          const doc = buildDoc(s, base, nMerges, extra);
          const scanned = scanBpeJson(UTF8.encode(doc.text));
          if (doc.mergesFirst || doc.escapedKey) expect(scanned, 'the scanner must bail').toBeNull();
          const { diff, fast: f } = compareLoads(doc.text, doc.texts, doc.vocab);
          expect(diff, doc.text.slice(0, 2000)).toBeNull();
          total++;
          if (f) {
            fast++;
            expect(scanned).not.toBeNull();
          }
        },
      ),
      { seed, numRuns: 300 * SOAK },
    );
    process.stderr.write(`[fast-load generated] ${fast} of ${total} documents took the fast path\n`);
    expect(fast).toBeGreaterThan(total / 2);
  });
});

// ---------------------------------------------------------------------------------------------
// C. Mutations that must bail (scanBpeJson null) and still behave like the ordinary path.

const doc = (model: string, top = ''): string =>
  `{"version":"1.0","truncation":null,"padding":null,"added_tokens":[],"normalizer":null,"pre_tokenizer":{"type":"Whitespace"},"post_processor":null,"decoder":null${top},"model":${model}}`;
const bpe = (vocab: string, merges = '["a b","ab c"]', extra = ''): string => `{"type":"BPE","dropout":null,"unk_token":null${extra},"vocab":${vocab},"merges":${merges}}`;
const V = '{"a":0,"b":1,"c":2,"ab":3,"abc":4,"d":5}';
const TEXTS = ['abc', 'a b c', 'abcabc d', 'ab', 'dcba', '', 'x abc'];

/** Loads `text` as text, bytes and parsed object; all three must agree. */
function expectSameAsOrdinary(text: string, opts: { bail: boolean; objectToo?: boolean }): void {
  const bytes = UTF8.encode(text);
  if (opts.bail) expect(scanBpeJson(bytes), 'scanBpeJson must bail').toBeNull();
  else expect(scanBpeJson(bytes), 'scanBpeJson must accept').not.toBeNull();
  const parsed = attempt(() => JSON.parse(text) as object);
  const o = parsed.ok && parsed.value !== null && typeof parsed.value === 'object' ? attempt(() => Tokenizer.fromJSON(parsed.value)) : null;
  const t = attempt(() => Tokenizer.fromJSON(text));
  const b = attempt(() => Tokenizer.fromJSON(bytes));
  expect(diffErrors(t.ok ? null : t.error, b.ok ? null : b.error)).toBeNull();
  if (o) expect(diffErrors(t.ok ? null : t.error, o.ok ? null : o.error)).toBeNull();
  else {
    expect(t.ok ? null : t.error).toBeInstanceOf(TokenizerConfigError);
    expect(b.ok ? null : b.error).toBeInstanceOf(TokenizerConfigError);
  }
  if (t.ok && b.ok && o?.ok) {
    if (opts.bail) expect(tookFastPath(t.value)).toBe(false);
    for (const x of [t.value, b.value]) {
      expect(diffVocab(x, o.value, [...tokensOf(o.value), 'a', 'ab', 'abc'])).toBeNull();
      expect(diffEncode(x, o.value, TEXTS, ['utf16', 'codepoint'])).toBeNull();
      expect(JSON.stringify(x.config)).toBe(JSON.stringify(o.value.config));
    }
  }
}

describe('fast loader bails on anything but the plain shape, and the result is the ordinary one', () => {
  it('the plain document takes the fast path (the control case)', () => {
    const text = doc(bpe(V));
    expectSameAsOrdinary(text, { bail: false });
    expect(tookFastPath(Tokenizer.fromJSON(text))).toBe(true);
    expect(Tokenizer.fromJSON(text).encode('abc').tokens).toEqual(['abc']);
  });
  it('duplicate vocab key (JSON.parse: last wins)', () => {
    const text = doc(bpe('{"a":0,"b":1,"c":2,"ab":3,"abc":4,"a":5}'));
    expectSameAsOrdinary(text, { bail: true });
    expect(Tokenizer.fromJSON(text).tokenToId('a')).toBe(5);
  });
  it('duplicate id (an error)', () => {
    const text = doc(bpe('{"a":0,"b":1,"c":2,"ab":3,"abc":4,"d":3}'));
    expectSameAsOrdinary(text, { bail: true });
    expect(() => Tokenizer.fromJSON(text)).toThrow(TokenizerConfigError);
  });
  for (const id of ['1.0', '1e1', '1E1', '-1', '4294967296', '16777217', '1.5', '2.0e0']) {
    it(`id ${id}`, () => expectSameAsOrdinary(doc(bpe(`{"a":0,"b":${id},"c":2,"ab":3,"abc":4}`)), { bail: true }));
  }
  it('id 2^24 is still fast, and agrees', () => expectSameAsOrdinary(doc(bpe('{"a":0,"b":16777216,"c":2,"ab":3,"abc":4}')), { bail: false }));
  it('id with a leading zero is invalid JSON everywhere', () => expectSameAsOrdinary(doc(bpe('{"a":0,"b":01,"c":2,"ab":3,"abc":4}')), { bail: true }));
  it('a merge naming an unknown token (an error)', () => {
    const text = doc(bpe(V, '["a b","ab z"]'));
    expectSameAsOrdinary(text, { bail: true });
    expect(() => Tokenizer.fromJSON(text)).toThrow(/not in the vocab/);
  });
  it('a merge whose result is not in the vocab (an error)', () => expectSameAsOrdinary(doc(bpe(V, '["a b","b c"]')), { bail: true }));
  it('"a  b" with two spaces (an error)', () => {
    const text = doc(bpe(V, '["a  b"]'));
    expectSameAsOrdinary(text, { bail: true });
    expect(() => Tokenizer.fromJSON(text)).toThrow(TokenizerConfigError);
  });
  it('a merge without a space, with three parts, or a triple (errors)', () => {
    expectSameAsOrdinary(doc(bpe(V, '["ab"]')), { bail: true });
    expectSameAsOrdinary(doc(bpe(V, '["a b c"]')), { bail: true });
    expectSameAsOrdinary(doc(bpe(V, '[["a","b","c"]]')), { bail: true });
    expectSameAsOrdinary(doc(bpe(V, '[["a"]]')), { bail: true });
  });
  it('an escaped space in a string merge counts as the separator, as after JSON.parse', () => expectSameAsOrdinary(doc(bpe(V, '["a\\u0020b"]')), { bail: false }));
  it('more merges than tokens (repeated pairs)', () => expectSameAsOrdinary(doc(bpe(V, JSON.stringify(Array(8).fill('a b')))), { bail: true }));
  it('escaped top-level / model keys', () => {
    expectSameAsOrdinary(doc(bpe(V)).replace('"model"', '"mod\\u0065l"'), { bail: true });
    expectSameAsOrdinary(doc(bpe(V)).replace('"vocab"', '"voc\\u0061b"'), { bail: true });
    expectSameAsOrdinary(doc(bpe(V)).replace('"merges"', '"merge\\u0073"'), { bail: true });
    expectSameAsOrdinary(doc(bpe(V)).replace('"decoder"', '"decode\\u0072"'), { bail: true });
  });
  it('merges before vocab', () => {
    const text = doc(`{"type":"BPE","merges":["a b","ab c"],"vocab":${V}}`);
    expectSameAsOrdinary(text, { bail: true });
    expect(Tokenizer.fromJSON(text).encode('abc').tokens).toEqual(['abc']);
  });
  it('a repeated "model" key (JSON.parse: last wins) and a repeated "vocab" key', () => {
    expectSameAsOrdinary(`{"model":${bpe('{"q":0}', '[]')},"pre_tokenizer":{"type":"Whitespace"},"model":${bpe(V)}}`, { bail: true });
    expectSameAsOrdinary(doc(`{"type":"BPE","vocab":{"q":0},"vocab":${V},"merges":["a b"]}`), { bail: true });
  });
  it('continuing_subword_prefix "##" with merges: never the fast path, same as the ordinary one', () => {
    // Merged tokens drop the prefix ("a" + "##b" = "ab"): the scanner's left + right is not in the vocab.
    const v = '{"a":0,"##b":1,"##c":2,"ab":3,"abc":4,"b":5,"c":6,"##a":7}';
    const text = doc(`{"type":"BPE","continuing_subword_prefix":"##","vocab":${v},"merges":["a ##b","ab ##c"]}`);
    expectSameAsOrdinary(text, { bail: true });
    expect(Tokenizer.fromJSON(text).encode('abc').tokens).toEqual(['abc']);
    // With a + b also in the vocab the scanner accepts it, and buildModelFromTables(…, plainMerges) must refuse it.
    const v2 = '{"a":0,"##b":1,"##c":2,"ab":3,"abc":4,"b":5,"c":6,"a##b":7,"ab##c":8}';
    const text2 = doc(`{"type":"BPE","continuing_subword_prefix":"##","vocab":${v2},"merges":["a ##b","ab ##c"]}`);
    expect(scanBpeJson(UTF8.encode(text2))).not.toBeNull();
    expect(tookFastPath(Tokenizer.fromJSON(text2))).toBe(false);
    expectSameAsOrdinary(text2, { bail: false });
    expect(Tokenizer.fromJSON(text2).encode('abc').tokens).toEqual(['abc']);
  });
  it('a BOM at the start: text and bytes both fail like JSON.parse', () => {
    const text = '\uFEFF' + doc(bpe(V));
    expect(scanBpeJson(UTF8.encode(text))).toBeNull();
    expect(() => Tokenizer.fromJSON(text)).toThrow(TokenizerConfigError);
    expect(() => Tokenizer.fromJSON(UTF8.encode(text))).toThrow(TokenizerConfigError);
    const a = attempt(() => Tokenizer.fromJSON(text));
    const b = attempt(() => Tokenizer.fromJSON(UTF8.encode(text)));
    expect(diffErrors(a.ok ? null : a.error, b.ok ? null : b.error)).toBeNull();
  });
  it('top-level values that are not an object', () => {
    for (const t of ['[]', 'null', '"x"', '1', '{}', '', '   ', `[${doc(bpe(V))}]`, doc(bpe(V)) + ' x', doc(bpe(V)) + '}']) expectSameAsOrdinary(t, { bail: true });
  });
  it('model shapes the scanner does not read: no vocab, null merges, non-object vocab, other model types', () => {
    expectSameAsOrdinary(doc('{"type":"BPE","merges":[]}'), { bail: true });
    expectSameAsOrdinary(doc(`{"type":"BPE","vocab":${V},"merges":null}`), { bail: true });
    expectSameAsOrdinary(doc('{"type":"BPE","vocab":[],"merges":[]}'), { bail: true });
    expectSameAsOrdinary(doc('{"type":"BPE","vocab":null}'), { bail: true });
    expectSameAsOrdinary(doc('null'), { bail: true });
    // Scanned, then the model reader refuses it: the same error as the ordinary path.
    expectSameAsOrdinary(doc(`{"type":"WordPiece","vocab":${V}}`), { bail: false });
    expectSameAsOrdinary(doc(`{"type":"BPE","dropout":0.1,"vocab":${V},"merges":[]}`), { bail: false });
  });
  it('an empty token, escapes in keys and merges, raw U+2028', () => {
    const v = '{"":0,"a":1,"\\u0062":2,"\\"":3,"a\\"":4,"\u2028":5,"a\u2028":6,"\\ud800":7,"\\udc00":8,"\\ud800\\udc00":9,"b\\"":10}';
    expectSameAsOrdinary(doc(bpe(v, '["a \\"","\\ud800 \\udc00",["a","\u2028"],["","b"],["b","\\""]]')), { bail: false });
  });
  it('"__proto__" and "constructor" as tokens', () => {
    const v = '{"__proto__":0,"constructor":1,"a":2,"__proto__a":3,"toString":4}';
    expectSameAsOrdinary(doc(bpe(v, '["__proto__ a"]')), { bail: false });
    const t = Tokenizer.fromJSON(doc(bpe(v, '["__proto__ a"]')));
    expect(t.tokenToId('__proto__')).toBe(0);
    expect(t.tokenToId('hasOwnProperty')).toBeUndefined();
  });
  it('invalid UTF-8 inside a vocab key or merge (bytes): the scanner bails, the ordinary path decodes lossily', () => {
    const seqs = [[0xff], [0xc0, 0x80], [0xc1, 0xbf], [0xed, 0xa0, 0x80], [0xe0, 0x80, 0x80], [0xe0, 0xa0], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x8f, 0xbf, 0xbf], [0xf8], [0x80], [0xc3]];
    for (const seq of seqs) {
      for (const where of ['vocab', 'merge']) {
        // "Q" marks the spot: a vocab key and (for 'merge') the right side of a merge.
        const text = where === 'vocab' ? doc(bpe('{"a":0,"b":1,"c":2,"ab":3,"abc":4,"xQ":5}')) : doc(bpe('{"a":0,"b":1,"c":2,"ab":3,"abc":4,"x":5}', '["a b","ab Q"]'));
        const enc = UTF8.encode(text);
        const q = enc.indexOf(0x51);
        const bytes = new Uint8Array(enc.length - 1 + seq.length);
        bytes.set(enc.subarray(0, q));
        bytes.set(seq, q);
        bytes.set(enc.subarray(q + 1), q + seq.length);
        expect(scanBpeJson(bytes), `${seq} in ${where}`).toBeNull();
        const b = attempt(() => Tokenizer.fromJSON(bytes));
        const o = attempt(() => Tokenizer.fromJSON(JSON.parse(LOSSY.decode(bytes)) as object));
        expect(diffErrors(b.ok ? null : b.error, o.ok ? null : o.error), `${seq} in ${where}`).toBeNull();
        if (b.ok && o.ok) {
          expect(tookFastPath(b.value)).toBe(false);
          expect(diffVocab(b.value, o.value, tokensOf(o.value))).toBeNull();
          expect(diffEncode(b.value, o.value, [...TEXTS, 'x\uFFFD', 'x\uFFFD\uFFFD'])).toBeNull();
        }
      }
    }
  });
  it('invalid UTF-8 outside vocab and merges (bytes): fast path, lossy like the ordinary path', () => {
    const text = doc(bpe(V), ',"extra":"Q"');
    const enc = UTF8.encode(text);
    const q = enc.indexOf(0x51);
    enc[q] = 0xff;
    const b = Tokenizer.fromJSON(enc);
    const o = Tokenizer.fromJSON(JSON.parse(LOSSY.decode(enc)) as object);
    expect(tookFastPath(b)).toBe(true);
    expect(b.config).toEqual(o.config);
    expect((b.config as { extra: string }).extra).toBe('\uFFFD');
  });
  it('a string with a raw lone surrogate inside a vocab key: not the fast path, equal to the object path', () => {
    for (const s of ['\uD800', '\uDFFF', 'a\uDBFF', '\uDC00\uD800']) {
      const text = doc(bpe(`{"a":0,"b":1,"c":2,"ab":3,"abc":4,"${s}":5,"${s}a":6}`, `["a b","ab c",["${s}","a"]]`));
      const t = Tokenizer.fromJSON(text);
      const o = Tokenizer.fromJSON(JSON.parse(text) as object);
      expect(tookFastPath(t)).toBe(false);
      expect(t.tokenToId(s)).toBe(5);
      expect(diffVocab(t, o, [...tokensOf(o), s, s + 'a'])).toBeNull();
      expect(diffEncode(t, o, [...TEXTS, s + 'a', `${s}a${s}`])).toBeNull();
    }
  });
  it('the same lone surrogate escaped (\\udXXX) takes the fast path and agrees', () => {
    const text = doc(bpe('{"a":0,"b":1,"c":2,"ab":3,"abc":4,"\\ud800":5,"\\ud800a":6}', '["a b","ab c",["\\ud800","a"]]'));
    expectSameAsOrdinary(text, { bail: false });
    const t = Tokenizer.fromJSON(text);
    expect(t.tokenToId('\uD800')).toBe(5);
    expect(t.idToToken(6)).toBe('\uD800a');
  });
  it('nested "model" keys elsewhere and whitespace everywhere do not confuse it', () => {
    const text = ` \r\n\t{ "x" : { "model" : { "vocab" : { "zz" : 1 } } , "s":"}\\"]" } ,\n"model"\t:\r${bpe(V).replace(/,/g, ' ,\n ')} , "y" : [ 1 , { } , [ ] ] }\n`;
    expectSameAsOrdinary(text, { bail: false });
  });
});
