// The corpus side of counting: which bytes of which files a job reads (a whole file, or its share of
// a `--shard K/N` split widened to line starts), the fingerprint that ties the shards of one corpus
// together, and the identity of the dictionary the words were segmented with. Node-only.
//
// Fingerprints are SHA-256 over each file's base name, size and first/last 4 KiB — not mtimes (they
// change when a corpus is copied to a cluster's file system) and not full hashes (each of N jobs
// would read the whole corpus). They catch a different or changed file; they are not a content hash.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DictionaryId, InputFile } from './counts/format.js';
import { localRanges, type ShardSpec } from './counts/shard.js';
import { TrainInputError } from './errors.js';
import { LineBlocker } from './lines.js';

/** Bytes [start, end) of `file`; both ends are line starts (or the file's ends). */
export interface InputRange {
  file: string;
  start: number;
  end: number;
}

const EDGE = 4096;

async function headTail(fh: FileHandle, size: number): Promise<string> {
  const h = createHash('sha256');
  const read = async (pos: number, len: number): Promise<void> => {
    const buf = new Uint8Array(len);
    const { bytesRead } = await fh.read(buf, 0, len, pos);
    h.update(buf.subarray(0, bytesRead));
  };
  if (size <= 2 * EDGE) await read(0, size);
  else {
    await read(0, EDGE);
    await read(size - EDGE, EDGE);
  }
  return h.digest('hex');
}

/** Fingerprints the ordered input files (sizes as checked before counting). */
export async function fingerprintInputs(files: readonly string[], sizes: readonly number[]): Promise<{ fingerprint: string; inputs: InputFile[] }> {
  const inputs: InputFile[] = [];
  const all = createHash('sha256');
  for (const [i, f] of files.entries()) {
    let fh: FileHandle | undefined;
    try {
      fh = await open(f, 'r');
      const size = sizes[i]!;
      const head_tail = await headTail(fh, size);
      inputs.push({ name: f, size, head_tail });
      all.update(`${basename(f)}\0${size}\0${head_tail}\n`);
    } catch (e) {
      throw new TrainInputError(f, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'check the path and its permissions');
    } finally {
      await fh?.close();
    }
  }
  return { fingerprint: all.digest('hex'), inputs };
}

/** The first line start at or after `x` in the file (`size` when none): 0, or just past a '\n' at >= x-1. */
async function lineStartAt(fh: FileHandle, x: number, size: number): Promise<number> {
  if (x <= 0) return 0;
  const buf = new Uint8Array(1 << 16);
  for (let pos = x - 1; pos < size; pos += buf.length) {
    const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, size - pos), pos);
    if (bytesRead === 0) break;
    const nl = buf.subarray(0, bytesRead).indexOf(0x0a);
    if (nl >= 0) return pos + nl + 1;
  }
  return size;
}

/** The byte ranges one shard reads: per file, the lines that start inside the shard's split. */
export async function shardRanges(files: readonly string[], sizes: readonly number[], shard: ShardSpec): Promise<InputRange[]> {
  const local = localRanges(sizes, shard.k, shard.n);
  const out: InputRange[] = [];
  for (const [i, f] of files.entries()) {
    const r = local[i];
    if (!r) continue;
    let fh: FileHandle | undefined;
    try {
      fh = await open(f, 'r');
      const start = await lineStartAt(fh, r[0], sizes[i]!);
      const end = await lineStartAt(fh, r[1], sizes[i]!);
      if (start < end) out.push({ file: f, start, end });
    } catch (e) {
      throw new TrainInputError(f, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'check the path and its permissions');
    } finally {
      await fh?.close();
    }
  }
  return out;
}

/** Whole files as ranges (sizes as checked before counting). */
export function wholeRanges(files: readonly string[], sizes: readonly number[]): InputRange[] {
  return files.map((file, i) => ({ file, start: 0, end: sizes[i]! })).filter((r) => r.end > 0);
}

/** The range's bytes in blocks of whole lines (a range ends at a line start, so no line is cut). */
export async function* blocksOfRange(r: InputRange, blockSize = 1 << 20): AsyncGenerator<Uint8Array> {
  if (r.end <= r.start) return;
  const blocker = new LineBlocker();
  try {
    for await (const chunk of createReadStream(r.file, { start: r.start, end: r.end - 1, highWaterMark: blockSize })) {
      const b = blocker.push(chunk as Buffer);
      if (b.length > 0) yield b;
    }
  } catch (e) {
    throw new TrainInputError(r.file, `read failed (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'check the file');
  }
  const rest = blocker.end();
  if (rest.length > 0) yield rest;
}

/** A dictionary directory's identity: its name and a fingerprint of its files (sizes, first/last 4 KiB). */
export async function dictionaryId(dir: string): Promise<DictionaryId> {
  const h = createHash('sha256');
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return { name: basename(dir), fingerprint: 'unreadable' };
  }
  for (const name of names) {
    const p = join(dir, name);
    const st = await stat(p).catch(() => null);
    if (!st?.isFile()) continue;
    const fh = await open(p, 'r');
    try {
      h.update(`${name}\0${st.size}\0${await headTail(fh, st.size)}\n`);
    } finally {
      await fh.close();
    }
  }
  return { name: basename(dir), fingerprint: h.digest('hex') };
}
