// Reads count files (format.ts) as a stream of entries, checking as it goes: the header's format and
// version up front, the trailer's presence at open (so a truncated file fails before any long work),
// entry syntax and strict code-point order per line, the CRC-32C and entry total at the end.
// Version 1 files (count order, no settings, no checksum) are read too, unchecked beyond syntax.
// Memory: one read buffer (1 MiB) and its decoded lines. Node-only.

import { open, type FileHandle } from 'node:fs/promises';
import { CountsFileError } from '../errors.js';
import type { PresetName } from '../presets.js';
import { crc32c, crcHex } from './crc32c.js';
import { COUNTS_FORMAT, parseEntry, parseTrailer, READABLE_VERSIONS, type CountsHeader, type CountsSettings } from './format.js';
import { compareCodePoints, type CountTable } from './table.js';

const CHUNK = 1 << 20;
const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** A header as read: version 1 files get their settings filled in where v1 recorded them. */
export interface ReadHeader extends Omit<CountsHeader, 'settings'> {
  /** `preset` is null for version 1 files (not recorded); `sources` is then empty (unknown). */
  settings: Omit<CountsSettings, 'preset'> & { preset: PresetName | null };
}

const REGEN = 'count it again with mbbpe count';

function readFailure(path: string, e: unknown): CountsFileError {
  if (e instanceof CountsFileError) return e;
  return new CountsFileError(path, 0, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'check the path and its permissions');
}

function parseHeader(path: string, line: string): ReadHeader {
  let h: Record<string, unknown>;
  try {
    h = JSON.parse(line) as Record<string, unknown>;
    if (!h || typeof h !== 'object' || Array.isArray(h)) throw new Error('not an object');
  } catch {
    throw new CountsFileError(path, 1, 'the first line is not a JSON header', 'pass a file written by mbbpe count');
  }
  if (h.format !== COUNTS_FORMAT) throw new CountsFileError(path, 1, `format is ${JSON.stringify(h.format)}, not ${COUNTS_FORMAT}`, 'pass a file written by mbbpe count');
  if (typeof h.version !== 'number' || !READABLE_VERSIONS.includes(h.version))
    throw new CountsFileError(path, 1, `format version ${JSON.stringify(h.version)} is not supported (this mbbpe reads versions ${READABLE_VERSIONS.join(', ')})`, 'count it again with this mbbpe, or read it with the mbbpe that wrote it');
  const num = (k: string): number => {
    const v = h[k] ?? 0;
    if (!Number.isSafeInteger(v) || (v as number) < 0) throw new CountsFileError(path, 1, `header field ${k} is not a count`, REGEN);
    return v as number;
  };
  if (h.version === 1) {
    // Version 1: settings were the pre-tokenizer, segment and a clean flag; no provenance.
    if (h.segment !== 'mecab' && h.segment !== 'none') throw new CountsFileError(path, 1, `header segment ${JSON.stringify(h.segment)} is unknown`, REGEN);
    return {
      format: COUNTS_FORMAT,
      version: 1,
      mbbpe: 'unknown',
      settings: { preset: null, pre_tokenizer: h.pre_tokenizer, segment: h.segment, dictionary: null, user_dictionaries: [], clean: h.clean ? {} : false },
      sources: [],
      bytes: num('bytes'),
      lines: num('lines'),
      invalid_lines: num('invalid_lines'),
      dropped_lines: num('dropped_lines'),
    };
  }
  const s = h.settings as Partial<CountsSettings> | undefined;
  if (!s || typeof s !== 'object' || (s.segment !== 'mecab' && s.segment !== 'none') || typeof s.preset !== 'string' || !Array.isArray(h.sources))
    throw new CountsFileError(path, 1, 'the header lacks its settings or sources', REGEN);
  num('bytes');
  num('lines');
  num('invalid_lines');
  num('dropped_lines');
  return h as unknown as ReadHeader;
}

/**
 * One count file open for reading. `next()` moves to the next entry (`word`, `count`): true when
 * there is one, false at the verified end, null when the buffer is empty — then `await fill()`.
 * Synchronous stepping keeps the merge's inner loop free of a promise per entry.
 */
export class CountsReader {
  word = '';
  count = 0;
  /** Bytes of the file consumed so far (for progress). */
  bytesRead = 0;
  private lines: string[] = [];
  private at = 0;
  private lineNo = 1;
  private carry: Uint8Array = new Uint8Array(0);
  private pos: number;
  private crc: number;
  private entries = 0;
  private prev: string | null = null;
  private closed = false;
  private readonly buf = new Uint8Array(CHUNK);

  private constructor(
    readonly path: string,
    readonly header: ReadHeader,
    /** Total file size. */
    readonly size: number,
    private readonly fh: FileHandle,
    headerEnd: number,
    headerCrc: number,
    /** Where the entries end (the trailer's start; the file size for version 1). */
    private readonly dataEnd: number,
    private readonly trailer: { words: number; crc: string } | null,
  ) {
    this.pos = headerEnd;
    this.crc = headerCrc;
    this.bytesRead = headerEnd;
  }

  static async open(path: string): Promise<CountsReader> {
    let fh: FileHandle;
    try {
      fh = await open(path, 'r');
    } catch (e) {
      throw readFailure(path, e);
    }
    try {
      const st = await fh.stat();
      if (!st.isFile()) throw new CountsFileError(path, 0, 'is not a regular file', 'pass a count file written by mbbpe count');
      if (st.size === 0) throw new CountsFileError(path, 0, 'empty file', REGEN);
      const { line, end } = await readFirstLine(fh, path, st.size);
      const header = parseHeader(path, line);
      let dataEnd = st.size;
      let trailer: { words: number; crc: string } | null = null;
      if (header.version >= 2) {
        const t = await readTrailer(fh, st.size, end);
        if (!t) throw new CountsFileError(path, 0, 'truncated: its end line (#end words=… crc32c=…) is missing', `${REGEN}, or copy it again`);
        trailer = t.trailer;
        dataEnd = t.start;
      }
      const headerBytes = new Uint8Array(end);
      await fh.read(headerBytes, 0, end, 0);
      return new CountsReader(path, header, st.size, fh, end, header.version >= 2 ? crc32c(headerBytes) : 0, dataEnd, trailer);
    } catch (e) {
      await fh.close().catch(() => undefined);
      throw readFailure(path, e);
    }
  }

  next(): boolean | null {
    if (this.at < this.lines.length) {
      const line = this.lines[this.at++]!;
      this.lineNo++;
      const e = parseEntry(line);
      if (e === null) throw this.damaged(`expected 'count<TAB>word', got ${JSON.stringify(line.slice(0, 80))}`, this.lineNo);
      if (this.trailer !== null) {
        if (this.prev !== null && compareCodePoints(this.prev, e[0]) >= 0) throw this.damaged('words out of order (damaged, or not written by mbbpe count)', this.lineNo);
        this.prev = e[0];
      }
      this.word = e[0];
      this.count = e[1];
      this.entries++;
      return true;
    }
    if (this.pos >= this.dataEnd && this.carry.length === 0) {
      this.verifyEnd();
      return false;
    }
    return null;
  }

  /** Reads and decodes the next block of lines. */
  async fill(): Promise<void> {
    if (this.pos >= this.dataEnd) {
      // The last line lacks its '\n' (only possible in version 1 files).
      const rest = this.carry;
      this.carry = new Uint8Array(0);
      this.take(rest, rest.length);
      return;
    }
    let n: number;
    try {
      ({ bytesRead: n } = await this.fh.read(this.buf, 0, Math.min(CHUNK, this.dataEnd - this.pos), this.pos));
    } catch (e) {
      throw readFailure(this.path, e);
    }
    if (n === 0) throw this.damaged('the file shrank while it was read', 0);
    this.pos += n;
    this.bytesRead += n;
    const chunk = this.buf.subarray(0, n);
    if (this.trailer !== null) this.crc = crc32c(chunk, this.crc);
    const data = this.carry.length ? concat(this.carry, chunk) : chunk;
    const nl = data.lastIndexOf(0x0a);
    if (this.pos >= this.dataEnd && this.trailer !== null && nl !== data.length - 1) throw this.damaged('the last entry has no line end', this.lineNo + 1);
    this.carry = nl + 1 < data.length ? data.slice(nl + 1) : new Uint8Array(0);
    this.take(data, nl + 1);
  }

  private take(data: Uint8Array, end: number): void {
    let text: string;
    try {
      text = fatal.decode(data.subarray(0, end));
    } catch {
      throw this.damaged('not valid UTF-8', this.lineNo + 1);
    }
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    this.lines = lines;
    this.at = 0;
  }

  private verifyEnd(): void {
    if (this.trailer === null) return;
    const got = crcHex(this.crc);
    if (got !== this.trailer.crc) throw this.damaged(`damaged: its CRC-32C is ${got}, the end line says ${this.trailer.crc}`, 0);
    if (this.entries !== this.trailer.words) throw this.damaged(`damaged: ${this.entries} entries, the end line says ${this.trailer.words}`, 0);
  }

  private damaged(reason: string, line: number): CountsFileError {
    return new CountsFileError(this.path, line, reason, this.trailer ? `${REGEN}, or copy it again` : REGEN);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.fh.close().catch(() => undefined);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

async function readFirstLine(fh: FileHandle, path: string, size: number): Promise<{ line: string; end: number }> {
  const parts: Uint8Array[] = [];
  let pos = 0;
  while (pos < size) {
    const buf = new Uint8Array(Math.min(1 << 16, size - pos));
    const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
    if (bytesRead === 0) break;
    const got = buf.subarray(0, bytesRead);
    const nl = got.indexOf(0x0a);
    if (nl >= 0) {
      parts.push(got.subarray(0, nl));
      const line = Buffer.concat(parts).toString('utf8');
      return { line, end: pos + nl + 1 };
    }
    parts.push(got);
    pos += bytesRead;
  }
  // No line end: a version-1 header-only file cannot exist either, so this is truncation or junk.
  const text = Buffer.concat(parts).toString('utf8');
  try {
    JSON.parse(text);
  } catch {
    throw new CountsFileError(path, 1, 'the first line is not a JSON header', 'pass a file written by mbbpe count');
  }
  throw new CountsFileError(path, 1, 'truncated: nothing after the header', REGEN);
}

/** The trailer: the file's last line, which must end with '\n' and start after the header. */
async function readTrailer(fh: FileHandle, size: number, headerEnd: number): Promise<{ trailer: { words: number; crc: string }; start: number } | null> {
  const len = Math.min(96, size - headerEnd);
  if (len <= 0) return null;
  const buf = new Uint8Array(len);
  await fh.read(buf, 0, len, size - len);
  if (buf[len - 1] !== 0x0a) return null;
  const prevNl = buf.subarray(0, len - 1).lastIndexOf(0x0a);
  const startInBuf = prevNl + 1;
  if (prevNl < 0 && size - len !== headerEnd) return null;
  const t = parseTrailer(Buffer.from(buf.subarray(startInBuf, len - 1)).toString('latin1'));
  return t ? { trailer: t, start: size - len + startInBuf } : null;
}

/** Reads just the header (and, for version 2, checks the trailer is there). */
export async function readCountsHeader(path: string): Promise<ReadHeader> {
  const r = await CountsReader.open(path);
  await r.close();
  return r.header;
}

/** Adds every entry of the file into `into`, verifying it completely; returns its header. */
export async function readCountsInto(path: string, into: Pick<CountTable, 'add'>, onBytes?: (bytesRead: number) => void): Promise<ReadHeader> {
  const r = await CountsReader.open(path);
  try {
    for (;;) {
      const s = r.next();
      if (s === true) into.add(r.word, r.count);
      else if (s === false) break;
      else {
        await r.fill();
        onBytes?.(r.bytesRead);
      }
    }
  } finally {
    await r.close();
  }
  return r.header;
}
