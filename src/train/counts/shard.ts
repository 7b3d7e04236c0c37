// `--shard K/N`: which share of a corpus one job counts. The inputs, concatenated in the order given,
// are cut into N byte ranges of (nearly) equal size; like a Hadoop input split, a range owns every
// line that STARTS inside it, so N jobs given the same arguments count every line exactly once
// whatever the files' sizes (a file's first byte always starts a line). Pure arithmetic here;
// finding line starts in the files is sources.ts.

import { TrainConfigError } from '../errors.js';

export interface ShardSpec {
  k: number;
  n: number;
}

/** The most shards a split may have (a sanity bound: each job must own at least a byte or so). */
export const MAX_SHARDS = 1_000_000;

/** Parses `K/N` (0 <= K < N); throws TrainConfigError saying what is wrong. */
export function parseShardSpec(spec: string): ShardSpec {
  const m = /^(\d{1,7})\/(\d{1,7})$/.exec(spec.trim());
  if (!m) throw new TrainConfigError('shard', `${JSON.stringify(spec)} is not K/N`, 'write it as K/N with whole numbers 0 <= K < N, e.g. 0/8');
  const k = Number(m[1]);
  const n = Number(m[2]);
  if (n < 1 || n > MAX_SHARDS) throw new TrainConfigError('shard', `N must be from 1 to ${MAX_SHARDS}, got ${n}`, 'pass e.g. --shard 0/8');
  if (k >= n) throw new TrainConfigError('shard', `K must be below N (shards are numbered 0 to ${n - 1}), got ${k}/${n}`, `pass K from 0 to ${n - 1}`);
  return { k, n };
}

/** Global byte range [start, end) of shard k of n over `total` bytes (exact for totals past 2^53/n). */
export function splitRange(total: number, k: number, n: number): [number, number] {
  const t = BigInt(total);
  const at = (i: number): number => Number((t * BigInt(i)) / BigInt(n));
  return [at(k), at(k + 1)];
}

/**
 * Per file, the local byte range [a, b) of the split, or null when the split does not touch it.
 * The lines owned are those starting in [a, b): sources.ts widens it to [lineStart(a), lineStart(b)).
 */
export function localRanges(sizes: readonly number[], k: number, n: number): Array<[number, number] | null> {
  const total = sizes.reduce((x, y) => x + y, 0);
  const [s, e] = splitRange(total, k, n);
  const out: Array<[number, number] | null> = [];
  let off = 0;
  for (const size of sizes) {
    const a = Math.max(s - off, 0);
    const b = Math.min(e - off, size);
    out.push(a < b ? [a, b] : null);
    off += size;
  }
  return out;
}
