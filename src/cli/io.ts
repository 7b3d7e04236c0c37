// Input and output for the CLI commands: opens a named input (or stdin) with typed errors, streams
// it line by line under the CLI's line-ending rule, and writes with backpressure. No argument
// parsing here. Not handled: encodings other than UTF-8 (invalid UTF-8 is an error naming the line).

import { open, stat } from 'node:fs/promises';
import type { Readable, Writable } from 'node:stream';
import type { CliIO } from './command.js';
import { splitLines, type InvalidLine } from '../text/lines.js';
import { CliInputError, inputErrorFrom } from './errors.js';

export interface OpenedInput {
  stream: Readable;
  /** Size in bytes of a regular file; undefined for stdin, pipes and devices. */
  size: number | undefined;
}

export interface OpenInputOptions {
  /** Accept an empty regular file (default false: an empty named file is an error). */
  allowEmpty?: boolean;
  /** Read buffer size in bytes (default 64 KiB). */
  highWaterMark?: number;
}

/**
 * Opens `path` ('-' = the given stdin) for reading. Missing, unreadable, directory and (unless
 * allowed) empty files fail here with a {@link CliInputError}, before any work starts.
 */
export async function openInput(path: string, io: CliIO, o: OpenInputOptions = {}): Promise<OpenedInput> {
  if (path === '-') return { stream: io.stdin, size: undefined };
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    throw inputErrorFrom(path, e);
  }
  if (st.isDirectory()) throw inputErrorFrom(path, { code: 'EISDIR' });
  if (st.isFile() && st.size === 0 && !o.allowEmpty) throw new CliInputError(path, 'is empty', 'pass a file with at least one line, or - for stdin');
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw inputErrorFrom(path, e);
  }
  const stream = fh.createReadStream({ highWaterMark: o.highWaterMark ?? 1 << 16 });
  return { stream, size: st.isFile() ? st.size : undefined };
}

/**
 * Checks that every named input can be opened (stdin is skipped), before long work starts; fails
 * on an empty file only when every named input is empty. Returns the total size in bytes.
 */
export async function checkInputs(paths: readonly string[], io: CliIO): Promise<number> {
  let total = 0;
  const named = paths.filter((p) => p !== '-');
  for (const p of named) {
    const { stream, size } = await openInput(p, io, { allowEmpty: true });
    stream.destroy();
    total += size ?? 0;
  }
  if (named.length > 0 && named.length === paths.length && total === 0 && (await allRegular(named))) {
    throw new CliInputError(named.length === 1 ? named[0]! : named.join(', '), named.length === 1 ? 'is empty' : 'every input file is empty', 'pass a file with at least one line, or - for stdin');
  }
  return total;
}

async function allRegular(paths: readonly string[]): Promise<boolean> {
  for (const p of paths) if (!(await stat(p)).isFile()) return false;
  return true;
}

/** The sizes of `paths` in bytes (0 for stdin and devices): the total for byte-based progress. */
export async function inputBytes(paths: readonly string[]): Promise<number> {
  let total = 0;
  for (const p of paths) {
    if (p === '-') continue;
    try {
      const st = await stat(p);
      if (st.isFile()) total += st.size;
    } catch {
      // reported by openInput when the file is read
    }
  }
  return total;
}

export interface ReadLinesOptions extends OpenInputOptions {
  /** Called with the number of bytes read so far (for progress), after each chunk. */
  onBytes?: (bytesDone: number) => void;
}

/**
 * The lines of `source` ('-' = stdin) under the CLI's line-ending rule (README "Line endings";
 * src/text/lines.ts): a line ends at "\n", and one "\r" right before it is not part of the line.
 * Bytes that are not UTF-8 throw a {@link CliInputError} naming the line and byte offset.
 */
export async function* readLines(source: string, io: CliIO, o: ReadLinesOptions = {}): AsyncGenerator<string> {
  const { stream } = await openInput(source, io, o);
  const onInvalid = (b: InvalidLine): void => {
    throw new CliInputError(source, `line ${b.line} (byte ${b.byte}) is not valid UTF-8`, 'convert the file to UTF-8 (e.g. iconv -f cp949 -t utf-8) or remove the bytes');
  };
  try {
    yield* splitLines(stream as AsyncIterable<Uint8Array | string>, { onInvalid, ...(o.onBytes ? { onBytes: o.onBytes } : {}) });
  } catch (e) {
    if (e instanceof CliInputError || typeof (e as NodeJS.ErrnoException)?.code !== 'string') throw e;
    throw inputErrorFrom(source, e);
  } finally {
    if (source !== '-') stream.destroy();
  }
}

/** Buffered writer honouring backpressure; call `end()` (awaited) before returning. */
export class Out {
  private buf = '';
  constructor(private readonly stream: Writable) {}
  async write(s: string): Promise<void> {
    this.buf += s;
    if (this.buf.length >= 1 << 16) await this.flush();
  }
  async flush(): Promise<void> {
    if (!this.buf) return;
    const s = this.buf;
    this.buf = '';
    if (!this.stream.write(s)) await new Promise<void>((r) => this.stream.once('drain', () => r()));
  }
  async end(): Promise<void> {
    await this.flush();
  }
}
