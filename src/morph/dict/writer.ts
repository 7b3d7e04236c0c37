// Writes a MeCab binary dictionary (.dic) from parsed entries exactly as Dictionary::compile does:
// features in input order (each NUL-terminated), tokens stably sorted by surface bytes, one trie key
// per distinct surface with value `first token << 8 | count`, then the 72-byte header whose magic
// is the file size XOR 0xef718f77. Little-endian, like the x86/ARM files MeCab writes.

import { DictionaryFormatError } from '../errors.js';
import { DIC_TYPE_USER } from '../lexicon.js';
import { showBytes } from './binary.js';
import { DartsBuilder } from './darts.js';

/** One dictionary entry, text as byte strings (binary.ts). */
export interface DicEntry {
  surface: string;
  leftId: number;
  rightId: number;
  posId: number;
  cost: number;
  feature: string;
}

const MAGIC = 0xef718f77;
const VERSION = 102;
const HEADER = 72;

export interface WriteOptions {
  /** Header charset field (mecab-dict-index writes its `-t` argument verbatim). Default `utf-8`. */
  charset?: string;
  /** Dictionary type: 1 user (default), 0 system. */
  type?: number;
  /** Matrix dimensions recorded in the header. */
  lsize: number;
  rsize: number;
  /** Name for error messages. */
  file: string;
}

export function writeDic(entries: DicEntry[], o: WriteOptions): Uint8Array {
  if (entries.length === 0) {
    throw new DictionaryFormatError(o.file, 'no entries (mecab-dict-index cannot build an empty dictionary)', 0, { hint: 'give at least one CSV line' });
  }
  // Feature section in input order; offsets per entry.
  const offsets = new Uint32Array(entries.length);
  let fsize = 0;
  for (let i = 0; i < entries.length; i++) {
    offsets[i] = fsize;
    fsize += entries[i]!.feature.length + 1;
  }
  const order = entries.map((_, i) => i);
  // Array.prototype.sort is stable (std::stable_sort); byte strings compare in byte order.
  order.sort((a, b) => {
    const x = entries[a]!.surface, y = entries[b]!.surface;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const keys: string[] = [];
  const vals: number[] = [];
  for (let i = 0; i < order.length; ) {
    const s = entries[order[i]!]!.surface;
    let j = i + 1;
    while (j < order.length && entries[order[j]!]!.surface === s) j++;
    if (j - i > 255) {
      throw new DictionaryFormatError(o.file, `${j - i} entries have the surface ${JSON.stringify(showBytes(s))}; MeCab's format holds at most 255`, 0, {
        field: 'surface',
        hint: 'remove duplicate lines',
      });
    }
    keys.push(s);
    vals.push((i << 8) | (j - i));
    i = j;
  }
  const units = DartsBuilder.build(keys, Int32Array.from(vals));
  const dsize = units.length * 4;
  const tsize = 16 * entries.length; // 16-byte tokens: already a multiple of 8
  const total = HEADER + dsize + tsize + fsize;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  const header = [0, VERSION, o.type ?? DIC_TYPE_USER, entries.length, o.lsize, o.rsize, dsize, tsize, fsize, 0];
  header.forEach((v, i) => dv.setUint32(4 * i, v >>> 0, true));
  dv.setUint32(0, (total ^ MAGIC) >>> 0, true);
  const cs = o.charset ?? 'utf-8';
  for (let i = 0; i < Math.min(cs.length, 31); i++) out[40 + i] = cs.charCodeAt(i) & 0xff;
  for (let i = 0; i < units.length; i++) dv.setInt32(HEADER + 4 * i, units[i]!, true);
  let at = HEADER + dsize;
  for (const i of order) {
    const e = entries[i]!;
    dv.setUint16(at, e.leftId, true);
    dv.setUint16(at + 2, e.rightId, true);
    dv.setUint16(at + 4, e.posId & 0xffff, true); // PARITY: -1 (no pos-id.def match) is 65535
    dv.setInt16(at + 6, e.cost, true);
    dv.setUint32(at + 8, offsets[i]!, true);
    dv.setUint32(at + 12, 0, true);
    at += 16;
  }
  for (const e of entries) {
    const f = e.feature;
    for (let k = 0; k < f.length; k++) out[at++] = f.charCodeAt(k);
    out[at++] = 0;
  }
  return out;
}
