// A dedup set kept in a file, for corpora whose distinct-document count does not fit in memory:
// the same open-addressing table as MemoryDedupSet (16-byte keys, linear probing, doubled at half
// full), read and written in place with positional I/O; the OS page cache does the caching.
// Not handled: concurrent writers (one process per file) or crash recovery beyond a recount on open.

import { closeSync, existsSync, fstatSync, ftruncateSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { DedupSet } from '../dedup.js';
import { CleanOptionsError, DedupStoreError } from '../errors.js';

const MAGIC = 'MBBPEDD1';
const HEADER = 64; // magic, slot count (u32 x2), reserved
const SLOT = 16;
// At most half full, a probe sequence is short: one 256-byte read usually settles it.
const CHUNK_SLOTS = 16;

export interface FileDedupOptions {
  /** Keep the keys already in an existing file (dedup across runs). Default: false — an existing file is an error. */
  reuse?: boolean;
  /** Delete the file on close(). Default: false. */
  removeOnClose?: boolean;
  /** Initial number of slots (a power of two, grows as needed). Default: 1,048,576 (16 MiB file). */
  initialSlots?: number;
}

export class FileDedupSet implements DedupSet {
  private fd: number;
  private slots: number;
  private count = 0;
  private readonly buf = Buffer.alloc(CHUNK_SLOTS * SLOT);
  private readonly one = Buffer.alloc(SLOT);

  private constructor(
    readonly path: string,
    fd: number,
    slots: number,
    private readonly removeOnClose: boolean,
  ) {
    this.fd = fd;
    this.slots = slots;
  }

  static open(path: string, options: FileDedupOptions = {}): FileDedupSet {
    const exists = existsSync(path);
    if (exists && !options.reuse) {
      throw new DedupStoreError(path, 'file already exists', 'delete it, choose another path, or reuse it on purpose ({ reuse: true })');
    }
    if (exists) {
      const fd = openSync(path, 'r+');
      const head = Buffer.alloc(HEADER);
      readSync(fd, head, 0, HEADER, 0);
      const slots = head.readUInt32LE(8);
      if (head.toString('latin1', 0, 8) !== MAGIC || fstatSync(fd).size !== HEADER + slots * SLOT) {
        closeSync(fd);
        throw new DedupStoreError(path, 'not a dedup file written by mbbpe (bad header or size)', 'pass a path mbbpe created, or a new path');
      }
      const set = new FileDedupSet(path, fd, slots, options.removeOnClose ?? false);
      set.count = set.recount();
      return set;
    }
    const slots = options.initialSlots ?? 1 << 20;
    if (!Number.isInteger(slots) || slots < 16 || slots > 2 ** 30 || (slots & (slots - 1)) !== 0) {
      throw new CleanOptionsError('initialSlots', `expected a power of two from 16 to 2^30, got ${String(slots)}`, 'leave it unset for 1,048,576');
    }
    const fd = FileDedupSet.createFile(path, slots);
    return new FileDedupSet(path, fd, slots, options.removeOnClose ?? false);
  }

  private static createFile(path: string, slots: number): number {
    const fd = openSync(path, 'w+');
    ftruncateSync(fd, HEADER + slots * SLOT); // sparse zeros: every slot empty
    const head = Buffer.alloc(HEADER);
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(slots, 8);
    writeSync(fd, head, 0, HEADER, 0);
    return fd;
  }

  get size(): number {
    return this.count;
  }

  add(k: Uint32Array): boolean {
    if ((this.count + 1) * 2 > this.slots) this.grow();
    const added = this.insert(this.fd, this.slots, k[0] as number, k[1] as number, k[2] as number, k[3] as number);
    if (added) this.count++;
    return added;
  }

  private insert(fd: number, slots: number, a: number, b: number, c: number, d: number): boolean {
    const mask = slots - 1;
    let i = ((a ^ d) & mask) >>> 0;
    for (;;) {
      const n = Math.min(CHUNK_SLOTS, slots - i);
      readSync(fd, this.buf, 0, n * SLOT, HEADER + i * SLOT);
      for (let j = 0; j < n; j++) {
        const o = j * SLOT;
        const x = this.buf.readUInt32LE(o);
        const y = this.buf.readUInt32LE(o + 4);
        const z = this.buf.readUInt32LE(o + 8);
        const w = this.buf.readUInt32LE(o + 12);
        if ((x | y | z | w) === 0) {
          this.one.writeUInt32LE(a >>> 0, 0);
          this.one.writeUInt32LE(b >>> 0, 4);
          this.one.writeUInt32LE(c >>> 0, 8);
          this.one.writeUInt32LE(d >>> 0, 12);
          writeSync(fd, this.one, 0, SLOT, HEADER + (i + j) * SLOT);
          return true;
        }
        if (x === a >>> 0 && y === b >>> 0 && z === c >>> 0 && w === d >>> 0) return false;
      }
      i = (i + n) & mask;
    }
  }

  /** Rehashes into a file twice the size beside the old one, then renames it over the old one. */
  private grow(): void {
    const next = this.slots * 2;
    const tmp = `${this.path}.grow`;
    const fd = FileDedupSet.createFile(tmp, next);
    const big = Buffer.alloc(64 * 1024 * SLOT);
    const per = big.length / SLOT;
    for (let s = 0; s < this.slots; s += per) {
      const n = Math.min(per, this.slots - s);
      readSync(this.fd, big, 0, n * SLOT, HEADER + s * SLOT);
      for (let j = 0; j < n; j++) {
        const o = j * SLOT;
        const a = big.readUInt32LE(o);
        const b = big.readUInt32LE(o + 4);
        const c = big.readUInt32LE(o + 8);
        const d = big.readUInt32LE(o + 12);
        if ((a | b | c | d) !== 0) this.insert(fd, next, a, b, c, d);
      }
    }
    closeSync(this.fd);
    renameSync(tmp, this.path);
    this.fd = fd;
    this.slots = next;
  }

  private recount(): number {
    const big = Buffer.alloc(64 * 1024 * SLOT);
    const per = big.length / SLOT;
    let n = 0;
    for (let s = 0; s < this.slots; s += per) {
      const m = Math.min(per, this.slots - s);
      readSync(this.fd, big, 0, m * SLOT, HEADER + s * SLOT);
      for (let o = 0; o < m * SLOT; o += 4 * 4) {
        if ((big.readUInt32LE(o) | big.readUInt32LE(o + 4) | big.readUInt32LE(o + 8) | big.readUInt32LE(o + 12)) !== 0) n++;
      }
    }
    return n;
  }

  close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
    if (this.removeOnClose) rmSync(this.path, { force: true });
  }
}
