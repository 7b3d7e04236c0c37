// `mbbpe count --merge`: sums sorted count files into one as a k-way streaming merge. At most
// `fanIn` files are open at once; with more inputs, groups of `fanIn` are merged into temporary
// count files first (several passes), so memory is bounded by fanIn × one read buffer whatever the
// number and size of the shards. Headers are checked up front (settings, no shard twice); the
// checksum of every input is verified as it streams. Node-only.
//
// Design notes: the readers step synchronously through decoded blocks (a promise only per 1 MiB
// refill), and a binary heap of reader indexes keyed by the current word picks the smallest.

import { randomBytes } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CountsFileError } from '../errors.js';
import { openCountSet, type CountSet } from '../counts-file.js';
import { combineSources, sumHeaders, type NamedHeader } from './check.js';
import { CountsReader } from './read.js';
import { compareCodePoints } from './table.js';
import { CountsWriter, type HeaderFields } from './write.js';

export const DEFAULT_FAN_IN = 16;

export interface MergeProgress {
  phase: 'merge-counts';
  /** Input bytes read so far, over all passes. */
  bytesDone: number;
  /** Estimated bytes to read over all passes (the inputs' size × passes). */
  bytesTotal: number;
  pass: number;
  passes: number;
}

export interface MergeOptions {
  /** Files open at once (default 16, at least 2). */
  fanIn?: number;
  /** Where the intermediate files of a multi-pass merge go (default: the output's directory). */
  tmpDir?: string;
  onProgress?: (p: MergeProgress) => void;
}

export interface MergeSummary {
  words: number;
  files: number;
  passes: number;
  bytes: number;
  lines: number;
}

/** Number of passes to merge `n` files with fan-in `f`. */
export function mergePasses(n: number, f: number): number {
  let passes = 1;
  for (let left = n; left > f; left = Math.ceil(left / f)) passes++;
  return passes;
}

class Heap {
  private readonly a: number[] = [];
  constructor(private readonly readers: CountsReader[]) {}
  get size(): number {
    return this.a.length;
  }
  private less(i: number, j: number): boolean {
    return compareCodePoints(this.readers[this.a[i]!]!.word, this.readers[this.a[j]!]!.word) < 0;
  }
  private swap(i: number, j: number): void {
    const t = this.a[i]!;
    this.a[i] = this.a[j]!;
    this.a[j] = t;
  }
  push(r: number): void {
    this.a.push(r);
    for (let i = this.a.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  top(): number {
    return this.a[0]!;
  }
  pop(): number {
    const top = this.a[0]!;
    const last = this.a.pop()!;
    if (this.a.length > 0) {
      this.a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < this.a.length && this.less(l, m)) m = l;
        if (r < this.a.length && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
}

async function step(r: CountsReader, onRead: () => void): Promise<boolean> {
  for (;;) {
    const s = r.next();
    if (s !== null) return s;
    await r.fill();
    onRead();
  }
}

/** Merges `paths` (headers already checked) into one new count file at `output`. */
async function mergeGroup(paths: readonly string[], output: string, header: HeaderFields, onBytes: (delta: number) => void): Promise<number> {
  const readers: CountsReader[] = [];
  let writer: CountsWriter | undefined;
  try {
    for (const p of paths) readers.push(await CountsReader.open(p));
    writer = await CountsWriter.create(output, header);
    const seen = readers.map((r) => r.bytesRead);
    const report = (i: number) => () => {
      const r = readers[i]!;
      onBytes(r.bytesRead - seen[i]!);
      seen[i] = r.bytesRead;
    };
    const heap = new Heap(readers);
    for (let i = 0; i < readers.length; i++) if (await step(readers[i]!, report(i))) heap.push(i);
    const reports = readers.map((_r, i) => report(i));
    while (heap.size > 0) {
      const i = heap.pop();
      const word = readers[i]!.word;
      let count = readers[i]!.count;
      const same = [i];
      while (heap.size > 0 && readers[heap.top()]!.word === word) {
        const j = heap.pop();
        count += readers[j]!.count;
        same.push(j);
      }
      if (writer.add(word, count)) await writer.flush();
      for (const j of same) {
        const r = readers[j]!;
        let s = r.next();
        if (s === null) s = await step(r, reports[j]!);
        if (s) heap.push(j);
      }
    }
    await writer.finish();
    return writer.words;
  } catch (e) {
    await writer?.abort();
    throw e;
  } finally {
    for (const r of readers) await r.close();
  }
}

/**
 * Sums the count files `inputs` into `output` (atomically). Refuses files of different settings or
 * a shard given twice; a partial set is fine (reduce in a tree, then train on the complete sum).
 */
export async function mergeCountFiles(inputs: readonly string[], output: string, o: MergeOptions = {}): Promise<MergeSummary> {
  const fanIn = o.fanIn ?? DEFAULT_FAN_IN;
  if (!Number.isInteger(fanIn) || fanIn < 2) throw new RangeError(`fanIn must be an integer >= 2, got ${fanIn}`);
  const set: CountSet = await openCountSet(inputs, {}, false, (f) => {
    if (f.header.version < 2)
      throw new CountsFileError(f.file, 1, 'format version 1 is not sorted by word, so it cannot be merged as a stream', "train on it directly with 'mbbpe train --from-counts', or count it again with this mbbpe");
  });
  const passes = mergePasses(inputs.length, fanIn);
  let bytesTotal = 0;
  for (const p of inputs) bytesTotal += (await stat(p)).size;
  bytesTotal *= passes;
  let bytesDone = 0;
  let pass = 1;
  const onBytes = (d: number): void => {
    bytesDone += d;
    o.onProgress?.({ phase: 'merge-counts', bytesDone, bytesTotal, pass, passes });
  };
  const tmpDir = o.tmpDir ?? dirname(output);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  let level: NamedHeader[] = set.files;
  const temps: string[] = [];
  try {
    while (level.length > fanIn) {
      const next: NamedHeader[] = [];
      for (let g = 0; g * fanIn < level.length; g++) {
        const group = level.slice(g * fanIn, (g + 1) * fanIn);
        if (group.length === 1) {
          next.push(group[0]!); // a lone file goes on to the next pass as it is
          continue;
        }
        const file = join(tmpDir, `.mbbpe-merge-${tag}-p${pass}-${g}.counts`);
        const header = sumHeaders(group, combineSources(group).sources) as HeaderFields;
        temps.push(file);
        await mergeGroup(group.map((f) => f.file), file, header, onBytes);
        next.push({ file, header: { ...header, format: 'mbbpe-word-counts', version: 2, mbbpe: '' } });
      }
      // The previous pass's temporaries are no longer needed.
      for (const f of level) if (temps.includes(f.file) && !next.includes(f)) await rm(f.file, { force: true });
      level = next;
      pass++;
    }
    const words = await mergeGroup(level.map((f) => f.file), output, set.sum, onBytes);
    bytesDone = bytesTotal; // the total was an estimate (merged files are smaller): end at 100%
    onBytes(0);
    return { words, files: inputs.length, passes, bytes: set.sum.bytes, lines: set.sum.lines };
  } finally {
    for (const t of temps) await rm(t, { force: true });
  }
}
