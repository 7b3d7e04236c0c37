// Writes a count file (format.ts) as a stream: header, entries in strictly increasing code-point order,
// trailer with the CRC-32C of everything before it. Atomic: the bytes go to a temporary file beside
// the target, are flushed to disk, then renamed over it, so a failed run (disk full, interrupted)
// leaves no partial output. Memory is one ~1 MiB buffer whatever the number of entries. Node-only.

import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import pkg from '../../../package.json';
import { TrainOutputError } from '../errors.js';
import { checkOutput } from '../write-atomic.js';
import { crc32c, crcHex } from './crc32c.js';
import { COUNTS_FORMAT, COUNTS_VERSION, escapeWord, trailerLine, type CountsHeader } from './format.js';
import { compareCodePoints } from './table.js';

const FLUSH_AT = 1 << 20;
const encoder = new TextEncoder();

export type HeaderFields = Omit<CountsHeader, 'format' | 'version' | 'mbbpe'>;

function writeFailure(path: string, e: unknown): TrainOutputError {
  if (e instanceof TrainOutputError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const why = code ?? (e as Error).message;
  const hint =
    code === 'ENOSPC' || code === 'EDQUOT'
      ? 'the disk is full: free space or write to another directory; nothing was written'
      : 'check that the directory is writable and has space; nothing was written';
  return new TrainOutputError(path, `cannot write (${why})`, hint);
}

/** A count file being written; `add` entries in order, then `finish` (or `abort`). */
export class CountsWriter {
  private parts: string[] = [];
  private size = 0;
  private crc = 0;
  private prev: string | null = null;
  private done = false;
  /** Entries added so far. */
  words = 0;

  private constructor(
    readonly path: string,
    private readonly tmp: string,
    private readonly fh: FileHandle,
  ) {}

  /** Creates the temporary file and writes the header. */
  static async create(path: string, header: HeaderFields): Promise<CountsWriter> {
    await checkOutput(path);
    const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    let fh: FileHandle;
    try {
      fh = await open(tmp, 'wx');
    } catch (e) {
      throw writeFailure(path, e);
    }
    const w = new CountsWriter(path, tmp, fh);
    const full: CountsHeader = { format: COUNTS_FORMAT, version: COUNTS_VERSION, mbbpe: pkg.version, ...header };
    w.push(JSON.stringify(full) + '\n');
    return w;
  }

  /** Adds one entry (words strictly increasing); true when the caller should `await flush()`. */
  add(word: string, count: number): boolean {
    if (this.prev !== null && compareCodePoints(this.prev, word) >= 0)
      throw new Error(`count file writer: ${JSON.stringify(word)} after ${JSON.stringify(this.prev)} breaks code-point order`);
    if (!Number.isSafeInteger(count) || count < 1) throw new Error(`count file writer: count ${count} of ${JSON.stringify(word)} is not a positive integer`);
    this.prev = word;
    this.words++;
    return this.push(`${count}\t${escapeWord(word)}\n`);
  }

  private push(s: string): boolean {
    this.parts.push(s);
    this.size += s.length;
    return this.size >= FLUSH_AT;
  }

  async flush(): Promise<void> {
    if (this.size === 0) return;
    const bytes = encoder.encode(this.parts.join(''));
    this.parts = [];
    this.size = 0;
    this.crc = crc32c(bytes, this.crc);
    try {
      await this.fh.write(bytes);
    } catch (e) {
      await this.abort();
      throw writeFailure(this.path, e);
    }
  }

  /** Writes the trailer, flushes to disk and renames the file into place. */
  async finish(): Promise<void> {
    await this.flush();
    const trailer = encoder.encode(trailerLine(this.words, crcHex(this.crc)));
    try {
      await this.fh.write(trailer);
      await this.fh.sync();
      await this.fh.close();
      this.done = true;
      await rename(this.tmp, this.path);
    } catch (e) {
      await this.abort();
      throw writeFailure(this.path, e);
    }
  }

  /** Drops the temporary file (idempotent); the target is left as it was. */
  async abort(): Promise<void> {
    if (!this.done) {
      this.done = true;
      await this.fh.close().catch(() => undefined);
    }
    await rm(this.tmp, { force: true }).catch(() => undefined);
  }
}

/** Writes a whole count file from entries already in code-point order (e.g. `CountTable#sortedEntries`). */
export async function writeCounts(path: string, header: HeaderFields, sorted: Iterable<readonly [string, number]>): Promise<number> {
  const w = await CountsWriter.create(path, header);
  try {
    for (const [word, count] of sorted) if (w.add(word, count)) await w.flush();
    await w.finish();
  } catch (e) {
    await w.abort();
    throw e;
  }
  return w.words;
}
