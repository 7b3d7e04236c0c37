// Binary snapshots of a loaded tokenizer: the model's tables (vocab index, merge table) as raw typed
// arrays plus the pipeline JSON, so a load is a few array views and a small JSON.parse instead of
// reading 30k tokens and merges (see bench/RESULTS.md for cold start from either). The tokenizer.json
// the snapshot was made from rides along, for `config`. A snapshot is a cache made by mbbpe for
// mbbpe: other format versions and big-endian machines are refused with a SnapshotError.
//
// Layout: "MBBPESNP", u32 format version, u32 header length, header JSON (array lengths and counts,
// and `check`: 8 hex digits of a checksum over the whole file taken with those digits as "00000000"),
// zero padding to 8 bytes, then each array (padded to 4 bytes), the pipeline JSON, the tokenizer.json.
//
// The checksum is a chain of bijections over 32-bit words (xor the word, rotate, multiply by an odd
// constant): a change confined to one word — every single flipped bit — always changes it, and it
// runs at memory speed (see bench/RESULTS.md for its share of a cold start).

import { PairTable, type MergeTable } from '../models/bpe/merge.js';
import { VocabIndex } from '../models/bpe/vocab-index.js';
import { SnapshotError } from './errors.js';

const MAGIC = 'MBBPESNP';
// 3, not 2: version 2 stays an "other version" in the existing corruption tests.
export const SNAPSHOT_FORMAT_VERSION = 3;

export interface SnapshotContents {
  /** tokenizer.json with `$.model.vocab` = {} and `$.model.merges` = [] (the pipeline). */
  rest: string;
  vocab: VocabIndex;
  maxId: number;
  merges: MergeTable;
  /** The tokenizer.json the snapshot was made from (UTF-8). */
  json: Uint8Array;
  /** The whole snapshot (readSnapshot: its own copy, which the tables are views of). */
  bytes?: Uint8Array;
}

interface Header {
  count: number;
  maxId: number;
  poolUnits: number;
  slots: number;
  pairSlots: number;
  merges: number;
  restBytes: number;
  jsonBytes: number;
  check?: string;
}

const CHECK_ZERO = '00000000';

/** The checksum of `b` (see the layout notes), as 8 hex digits. */
export function snapshotChecksum(b: Uint8Array): string {
  const n4 = b.length >>> 2;
  const words = b.byteOffset % 4 === 0 ? new Int32Array(b.buffer, b.byteOffset, n4) : new Int32Array(b.slice(0, n4 * 4).buffer);
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < n4; i++) {
    const x = h ^ words[i]!;
    h = Math.imul((x << 13) | (x >>> 19), 0x9e3779b1);
  }
  let tail = 0;
  for (let i = n4 * 4; i < b.length; i++) tail |= b[i]! << (8 * (i - n4 * 4));
  const x = h ^ tail;
  h = Math.imul((x << 13) | (x >>> 19), 0x9e3779b1) ^ b.length;
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Offset of the checksum's 8 digits in the file, or -1 when the header has none. */
function checkAt(b: Uint8Array, hl: number): number {
  const key = '"check":"';
  const header = new TextDecoder().decode(b.subarray(16, 16 + hl));
  const i = header.indexOf(key);
  return i < 0 ? -1 : 16 + i + key.length;
}

/** True when `b` starts like a snapshot (the loaders then read it as one). */
export function isSnapshot(b: Uint8Array): boolean {
  if (b.length < MAGIC.length) return false;
  for (let i = 0; i < MAGIC.length; i++) if (b[i] !== MAGIC.charCodeAt(i)) return false;
  return true;
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const align = (n: number, a: number): number => Math.ceil(n / a) * a;

export function writeSnapshot(c: SnapshotContents): Uint8Array {
  if (!littleEndian) throw new SnapshotError('snapshots are little-endian; this machine is big-endian');
  const v = c.vocab;
  const rest = new TextEncoder().encode(c.rest);
  const h: Header = {
    count: v.count,
    maxId: c.maxId,
    poolUnits: v.start[v.count]!,
    slots: v.slots.length,
    pairSlots: c.merges.pairs.left.length,
    merges: c.merges.mergedId.length,
    restBytes: rest.length,
    jsonBytes: c.json.length,
    check: CHECK_ZERO,
  };
  const header = new TextEncoder().encode(JSON.stringify(h));
  const parts: Uint8Array[] = [
    view(v.pool.subarray(0, h.poolUnits)),
    view(v.start),
    view(v.ids),
    view(v.slots),
    view(c.merges.pairs.left),
    view(c.merges.pairs.right),
    view(c.merges.pairs.rank),
    view(c.merges.mergedId),
  ];
  let size = align(16 + header.length, 8);
  for (const p of parts) size = align(size, 4) + p.length;
  size = align(size, 4) + rest.length + c.json.length;
  const out = new Uint8Array(size);
  for (let i = 0; i < MAGIC.length; i++) out[i] = MAGIC.charCodeAt(i);
  const dv = new DataView(out.buffer);
  dv.setUint32(8, SNAPSHOT_FORMAT_VERSION, true);
  dv.setUint32(12, header.length, true);
  out.set(header, 16);
  let at = align(16 + header.length, 8);
  for (const p of parts) {
    at = align(at, 4);
    out.set(p, at);
    at += p.length;
  }
  at = align(at, 4);
  out.set(rest, at);
  out.set(c.json, at + rest.length);
  const ca = checkAt(out, header.length);
  out.set(new TextEncoder().encode(snapshotChecksum(out)), ca);
  return out;
}

/**
 * Verifies the checksum of a snapshot read by readSnapshot (its own copy in `bytes`). Done after
 * everything else is read, so damage that breaks the structure is still named for what it breaks.
 */
export function verifySnapshot(c: SnapshotContents): void {
  const b = c.bytes;
  if (!b) return;
  const hl = new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(12, true);
  const at = checkAt(b, hl);
  if (at < 0) throw new SnapshotError('the header has no checksum');
  const stored = new TextDecoder().decode(b.subarray(at, at + 8));
  b.set(new TextEncoder().encode(CHECK_ZERO), at);
  const actual = snapshotChecksum(b);
  b.set(new TextEncoder().encode(stored), at);
  if (stored !== actual) throw new SnapshotError(`checksum mismatch (stored ${JSON.stringify(stored)}, computed ${actual}): the file is damaged`);
}

function view(a: Uint16Array | Int32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** Reads a snapshot (see isSnapshot); checks every bound a lookup relies on, so bad bytes never hang a lookup. */
export function readSnapshot(bytes: Uint8Array): SnapshotContents {
  if (!isSnapshot(bytes)) throw new SnapshotError('no snapshot signature');
  if (!littleEndian) throw new SnapshotError('snapshots are little-endian; this machine is big-endian');
  if (bytes.length < 16) throw new SnapshotError('truncated header');
  // One aligned copy: typed-array views need 4-byte alignment, and the caller may reuse its buffer.
  const b = bytes.slice();
  const dv = new DataView(b.buffer);
  const version = dv.getUint32(8, true);
  if (version !== SNAPSHOT_FORMAT_VERSION) throw new SnapshotError(`format version ${version}; this mbbpe reads version ${SNAPSHOT_FORMAT_VERSION}`);
  const hl = dv.getUint32(12, true);
  if (16 + hl > b.length) throw new SnapshotError('truncated header');
  let h: Header;
  try {
    h = JSON.parse(new TextDecoder().decode(b.subarray(16, 16 + hl))) as Header;
  } catch {
    throw new SnapshotError('unreadable header');
  }
  const keys: Array<keyof Header> = ['count', 'maxId', 'poolUnits', 'slots', 'pairSlots', 'merges', 'restBytes', 'jsonBytes'];
  for (const k of keys) {
    const x = h?.[k];
    if (typeof x !== 'number' || !Number.isInteger(x) || x < (k === 'maxId' ? -1 : 0) || x > 0x7fffffff) throw new SnapshotError(`header field ${k} is ${JSON.stringify(x)}`);
  }
  let at = align(16 + hl, 8);
  // Views into the copy (its byteOffset is 0, so 4-aligned offsets are aligned addresses).
  const take = (n: number, unit: 2 | 4): number => {
    at = align(at, 4);
    const from = at;
    at += n * unit;
    if (at > b.length) throw new SnapshotError('truncated tables');
    return from;
  };
  const pool = new Uint16Array(b.buffer, take(h.poolUnits, 2), h.poolUnits);
  const start = new Int32Array(b.buffer, take(h.count + 1, 4), h.count + 1);
  const ids = new Int32Array(b.buffer, take(h.count, 4), h.count);
  const slots = new Int32Array(b.buffer, take(h.slots, 4), h.slots);
  const left = new Int32Array(b.buffer, take(h.pairSlots, 4), h.pairSlots);
  const right = new Int32Array(b.buffer, take(h.pairSlots, 4), h.pairSlots);
  const rank = new Int32Array(b.buffer, take(h.pairSlots, 4), h.pairSlots);
  const mergedId = new Int32Array(b.buffer, take(h.merges, 4), h.merges);
  at = align(at, 4);
  if (at + h.restBytes + h.jsonBytes !== b.length) throw new SnapshotError(`length ${b.length} does not match the header`);
  const rest = new TextDecoder().decode(b.subarray(at, at + h.restBytes));
  const json = b.subarray(at + h.restBytes);
  checkTables(h, pool, start, ids, slots, left, rank, mergedId);
  return {
    rest,
    vocab: new VocabIndex(pool, start, ids, slots, h.slots - 1, h.count),
    maxId: h.maxId,
    merges: { pairs: new PairTable(0, { left, right, rank }), mergedId },
    json,
    bytes: b,
  };
}

/** The invariants lookups rely on: power-of-two tables with an empty slot, indices in range. */
function checkTables(
  h: Header,
  pool: Uint16Array,
  start: Int32Array,
  ids: Int32Array,
  slots: Int32Array,
  left: Int32Array,
  rank: Int32Array,
  mergedId: Int32Array,
): void {
  const pow2 = (n: number) => n >= 2 && (n & (n - 1)) === 0;
  if (!pow2(h.slots) || !pow2(h.pairSlots)) throw new SnapshotError('table sizes are not powers of two');
  if (start[0] !== 0 || start[h.count] !== pool.length) throw new SnapshotError('token offsets do not cover the token pool');
  let top = -1;
  for (let e = 0; e < h.count; e++) {
    if (start[e + 1]! < start[e]!) throw new SnapshotError(`token offsets decrease at entry ${e}`);
    if (ids[e]! < 0 || ids[e]! > h.maxId) throw new SnapshotError(`token id ${ids[e]} out of range`);
    if (ids[e]! > top) top = ids[e]!;
  }
  // The id → token table is maxId + 1 long: it must be the largest id, not any bound above it.
  if (top !== h.maxId) throw new SnapshotError(`header maxId ${h.maxId} is not the largest token id (${top})`);
  let empty = 0;
  for (let i = 0; i < slots.length; i++) {
    const e = slots[i]!;
    if (e === -1) empty++;
    else if (e < 0 || e >= h.count) throw new SnapshotError(`vocab slot ${i} names entry ${e}`);
  }
  if (empty === 0) throw new SnapshotError('vocab table has no empty slot');
  empty = 0;
  for (let i = 0; i < left.length; i++) {
    if (left[i] === -1) empty++;
    else if (rank[i]! < 0 || rank[i]! >= h.merges) throw new SnapshotError(`merge slot ${i} has rank ${rank[i]}`);
  }
  if (empty === 0) throw new SnapshotError('merge table has no empty slot');
  for (let r = 0; r < mergedId.length; r++) {
    if (mergedId[r]! < 0 || mergedId[r]! > h.maxId) throw new SnapshotError(`merge ${r} makes id ${mergedId[r]}, out of range`);
  }
}
