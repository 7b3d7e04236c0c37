// The jobs and replies between EncodePool and its worker threads, and the packing of encodings into a few
// flat typed arrays (cheap to post; an array of small objects per token is not). Node-neutral: no
// `node:` imports, so the in-thread fallback and the worker share it.

import type { Encoding } from './encoding.js';
import type { EncodeOptions, PaddingOptions, TruncationOptions } from './options.js';

export const ENCODE_WORKER_TAG = 'mbbpe-encode-worker';

export interface EncodeWorkerData {
  tag: typeof ENCODE_WORKER_TAG;
  /** tokenizer.json text or bytes (truncation and padding are sent per job). */
  json: string | Uint8Array;
}

export interface EncodeJob {
  texts: string[];
  opts: EncodeOptions;
  truncation: TruncationOptions | null;
  /** Reply with `encodeIds` of each text only (PackedIds), not whole encodings. */
  idsOnly?: boolean;
  /** With idsOnly: the pool tokenizer's padding (encodeIds pads each text on its own). */
  padding?: PaddingOptions | null;
}

/** Ids of a job's texts, flattened: text i's ids are ids[starts[i] .. starts[i + 1]). */
export interface PackedIds {
  starts: Int32Array<ArrayBuffer>;
  ids: Int32Array<ArrayBuffer>;
}

/** Encodings of a job, flattened; `overflowing[i]` is set only where encoding i has windows. */
export interface PackedEncodings {
  lengths: Int32Array;
  ids: Int32Array;
  offsets: Int32Array;
  typeIds: Int32Array;
  attentionMask: Uint8Array;
  specialTokensMask: Uint8Array;
  tokens: string[];
  overflowing: Array<Encoding[] | undefined>;
}

/** `packed` for whole encodings, `packedIds` for an idsOnly job. */
export interface EncodeReply {
  packed?: PackedEncodings;
  packedIds?: PackedIds;
}

/** encodeIds of each text, flattened into one Int32Array (transferred, not copied, to the pool). */
export function packIds(idss: readonly number[][]): PackedIds {
  const starts = new Int32Array(idss.length + 1);
  let total = 0;
  for (let i = 0; i < idss.length; i++) {
    starts[i] = total;
    total += idss[i]!.length;
  }
  starts[idss.length] = total;
  const ids = new Int32Array(total);
  for (let i = 0; i < idss.length; i++) ids.set(idss[i]!, starts[i]!);
  return { starts, ids };
}

/** Views into a PackedIds, one per text (no copy). */
export function unpackIds(p: PackedIds): Int32Array[] {
  const out = new Array<Int32Array>(p.starts.length - 1);
  for (let i = 0; i < out.length; i++) out[i] = p.ids.subarray(p.starts[i]!, p.starts[i + 1]!);
  return out;
}

export function pack(encs: readonly Encoding[]): PackedEncodings {
  let total = 0;
  for (const e of encs) total += e.ids.length;
  const p: PackedEncodings = {
    lengths: new Int32Array(encs.length),
    ids: new Int32Array(total),
    offsets: new Int32Array(total * 2),
    typeIds: new Int32Array(total),
    attentionMask: new Uint8Array(total),
    specialTokensMask: new Uint8Array(total),
    tokens: new Array<string>(total),
    overflowing: new Array<Encoding[] | undefined>(encs.length),
  };
  let k = 0;
  encs.forEach((e, i) => {
    const n = e.ids.length;
    p.lengths[i] = n;
    for (let j = 0; j < n; j++, k++) {
      p.ids[k] = e.ids[j]!;
      const o = e.offsets[j]!;
      p.offsets[2 * k] = o[0];
      p.offsets[2 * k + 1] = o[1];
      p.typeIds[k] = e.typeIds[j]!;
      p.attentionMask[k] = e.attentionMask[j]!;
      p.specialTokensMask[k] = e.specialTokensMask[j]!;
      p.tokens[k] = e.tokens[j]!;
    }
    if (e.overflowing.length > 0) p.overflowing[i] = e.overflowing;
  });
  return p;
}

export function unpack(p: PackedEncodings): Encoding[] {
  const out: Encoding[] = new Array<Encoding>(p.lengths.length);
  let k = 0;
  for (let i = 0; i < p.lengths.length; i++) {
    const n = p.lengths[i]!;
    const ids = new Array<number>(n);
    const offsets = new Array<[number, number]>(n);
    const typeIds = new Array<number>(n);
    const attentionMask = new Array<number>(n);
    const specialTokensMask = new Array<number>(n);
    for (let j = 0; j < n; j++, k++) {
      ids[j] = p.ids[k]!;
      offsets[j] = [p.offsets[2 * k]!, p.offsets[2 * k + 1]!];
      typeIds[j] = p.typeIds[k]!;
      attentionMask[j] = p.attentionMask[k]!;
      specialTokensMask[j] = p.specialTokensMask[k]!;
    }
    const tokens = p.tokens.slice(k - n, k);
    out[i] = { ids, tokens, offsets, typeIds, attentionMask, specialTokensMask, overflowing: p.overflowing[i] ?? [] };
  }
  return out;
}
