// Helpers for the loader tests (fast-load.test.ts, snapshot.test.ts): compare two Tokenizers that
// must be indistinguishable — vocab tables, config, encodings (ids, tokens, offsets) and decodes.
// They return a description of the first difference (or null) so fast-check can shrink on it.

import { readFileSync } from 'node:fs';
import { MbbpeError } from '../../src/errors.js';
import type { Tokenizer } from '../../src/tokenizer.js';
import { sharedFile } from '../support/shared.js';

/** True when the tokenizer was built by a fast loader (scanner or snapshot): it keeps its source. */
export const tookFastPath = (tok: Tokenizer): boolean => (tok as unknown as { parts: { source?: unknown } }).parts.source !== undefined;

/** First difference of the vocab tables: vocabSize, id → token over ids, token → id of `tokens`. */
export function diffVocab(a: Tokenizer, b: Tokenizer, tokens: Iterable<string>, extraIds = 8): string | null {
  if (a.vocabSize !== b.vocabSize) return `vocabSize ${a.vocabSize} vs ${b.vocabSize}`;
  const n = a.vocabSize + extraIds;
  for (let id = -1; id < n; id++) {
    const x = a.idToToken(id);
    const y = b.idToToken(id);
    if (x !== y) return `idToToken(${id}) ${JSON.stringify(x)} vs ${JSON.stringify(y)}`;
  }
  for (const t of tokens) {
    const x = a.tokenToId(t);
    const y = b.tokenToId(t);
    if (x !== y) return `tokenToId(${JSON.stringify(t)}) ${x} vs ${y}`;
  }
  return null;
}

/** Every token of a vocab table, by id (for tokenToId checks), plus near misses. */
export function tokensOf(tok: Tokenizer): string[] {
  const out: string[] = [];
  for (let id = 0; id < tok.vocabSize + 8; id++) {
    const t = tok.idToToken(id);
    if (t !== undefined) out.push(t, t + 'x', t.slice(1));
  }
  out.push('', '__proto__', 'constructor', 'toString', 'hasOwnProperty');
  return out;
}

type Unit = 'utf16' | 'codepoint' | 'byte';

/** First difference of encode (ids, tokens, offsets in `units`, masks) and decode over `texts`. */
export function diffEncode(a: Tokenizer, b: Tokenizer, texts: readonly string[], units: readonly Unit[] = ['utf16']): string | null {
  for (const text of texts) {
    for (const offsets of units) {
      for (const addSpecialTokens of [true, false]) {
        let ea;
        let eb;
        let errA: unknown = null;
        let errB: unknown = null;
        try {
          ea = a.encode(text, { offsets, addSpecialTokens });
        } catch (e) {
          errA = e;
        }
        try {
          eb = b.encode(text, { offsets, addSpecialTokens });
        } catch (e) {
          errB = e;
        }
        if (errA || errB) {
          const d = diffErrors(errA, errB);
          if (d) return `encode(${JSON.stringify(text)}): ${d}`;
          continue;
        }
        const sa = JSON.stringify(ea);
        const sb = JSON.stringify(eb);
        if (sa !== sb) return `encode(${JSON.stringify(text)}, ${offsets}, special=${addSpecialTokens})\n  ${sa.slice(0, 600)}\n  ${sb.slice(0, 600)}`;
        if (offsets === 'utf16' && addSpecialTokens) {
          if (JSON.stringify(a.encodeIds(text)) !== JSON.stringify(b.encodeIds(text))) return `encodeIds(${JSON.stringify(text)})`;
          for (const skipSpecialTokens of [false, true]) {
            const da = a.decode(ea!.ids, { skipSpecialTokens });
            const db = b.decode(ea!.ids, { skipSpecialTokens });
            if (da !== db) return `decode of ${JSON.stringify(text)}: ${JSON.stringify(da)} vs ${JSON.stringify(db)}`;
          }
        }
      }
    }
  }
  return null;
}

/** Null when both are errors of the same class with the same message (or both null). */
export function diffErrors(a: unknown, b: unknown): string | null {
  if (a === null && b === null) return null;
  if (a === null || b === null) return `one threw, the other did not: ${String(a)} / ${String(b)}`;
  const ca = (a as object).constructor?.name;
  const cb = (b as object).constructor?.name;
  const ma = (a as Error).message;
  const mb = (b as Error).message;
  if (ca !== cb || ma !== mb) return `errors differ: ${ca}: ${ma} / ${cb}: ${mb}`;
  return null;
}

/** Runs f; returns its value or the thrown error. */
export function attempt<T>(f: () => T): { ok: true; value: T } | { ok: false; error: unknown } {
  try {
    return { ok: true, value: f() };
  } catch (error) {
    return { ok: false, error };
  }
}

export const isMbbpeError = (e: unknown): boolean => e instanceof MbbpeError;

/** First `n` non-empty lines of each named corpus file under ../shared/corpora (skipped when absent). */
export function corpusLines(files: readonly string[], n: number, who: string): string[] {
  const out: string[] = [];
  for (const f of files) {
    const p = sharedFile(`corpora/${f}`, who);
    if (!p) continue;
    const lines = readFileSync(p, 'utf8').split('\n');
    let k = 0;
    for (const l of lines) {
      if (k >= n) break;
      if (l.length === 0) continue;
      out.push(l);
      k++;
    }
  }
  return out;
}

export const CORPORA = [
  'klue-dev/klue_dev_sentences.txt',
  'nsmc/nsmc_raw_reviews.txt',
  'korean-english-news/news_en.txt',
  'korean-precedents/precedents_paragraphs.txt',
  'english-tinyshakespeare/tinyshakespeare_lines.txt',
];
