// Writes the entries of a compiled MeCab dictionary (system or user) back as CSV lines
// `surface,left-id,right-id,cost,feature`, in the order the compiler read them (feature offset
// order), so compiling the dump with the same .def files gives the same bytes. Surfaces come from
// the trie: each used unit's parent is found through its check value, keys are read bottom-up.
// It cannot represent a POS id that pos-id.def would not give (the compiler recomputes it) or a
// feature that starts with a space, tab or quote (MeCab's CSV reader cannot read those back).

import { DictionaryFormatError } from '../errors.js';
import type { Lexicon } from '../lexicon.js';
import { byteString, showBytes } from './binary.js';
import { escapeCsvElement } from './csv.js';

/** The surface (byte string) of every token of `lex`. */
export function tokenSurfaces(lex: Lexicon): string[] {
  const { da, units } = lex;
  // owner[b] = the unit whose base is b (bases of inner nodes are unique: Darts marks them used).
  const owner = new Int32Array(units).fill(-1);
  for (let p = 0; p < units; p++) {
    const base = da[2 * p]!;
    if ((p === 0 || da[2 * p + 1] !== 0) && base > 0 && base < units) owner[base] = p;
  }
  const surfaces: string[] = new Array<string>(lex.lexsize).fill('');
  const bytes: number[] = [];
  for (let p = 1; p < units; p++) {
    const begin = da[2 * p + 1]!;
    if (begin === 0 || p !== begin || da[2 * p]! >= 0) continue; // terminal units sit at their node's base
    bytes.length = 0;
    let b = begin;
    while (b !== da[0]) {
      const parent = owner[b]!;
      if (parent < 0) throw new DictionaryFormatError(lex.file, `trie unit ${p} has no parent`, 72 + 8 * p);
      const pb = da[2 * parent + 1]!;
      bytes.push(parent - pb - 1);
      b = pb;
    }
    bytes.reverse();
    const key = String.fromCharCode(...bytes);
    const v = -da[2 * p]! - 1;
    for (let k = v >>> 8, end = (v >>> 8) + (v & 0xff); k < end && k < lex.lexsize; k++) surfaces[k] = key;
  }
  return surfaces;
}

function csvField(s: string): string {
  // Leading spaces/tabs are skipped by MeCab's reader unless quoted.
  return s[0] === ' ' || s[0] === '\t' ? '"' + s.replace(/"/g, '""') + '"' : escapeCsvElement(s);
}

/** The dictionary as CSV bytes (one line per token, `\n`-terminated, in compile-input order). */
export function dumpDictionary(lex: Lexicon): Uint8Array {
  const surfaces = tokenSurfaces(lex);
  const order = Array.from({ length: lex.lexsize }, (_, k) => k);
  order.sort((a, b) => lex.featureOffset(a) - lex.featureOffset(b));
  const parts: string[] = [];
  for (const k of order) {
    const feature = byteString(lex.featureBytes(k));
    if (/^[ \t"]/.test(feature)) {
      throw new DictionaryFormatError(lex.file, `token ${k}'s feature ${JSON.stringify(showBytes(feature))} starts with a space, tab or quote; MeCab's CSV cannot hold it`, 0);
    }
    parts.push(`${csvField(surfaces[k]!)},${lex.tok16[8 * k]},${lex.tok16[8 * k + 1]},${lex.tokI16[8 * k + 3]},${feature}\n`);
  }
  const total = parts.reduce((n, s) => n + s.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const s of parts) for (let i = 0; i < s.length; i++) out[at++] = s.charCodeAt(i);
  return out;
}
