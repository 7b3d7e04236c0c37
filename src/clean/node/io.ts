// Node-only document I/O for cleaning: reads text files (one document per line) or JSONL files
// (one object per line, the text in a field), and writes cleaned documents back in the same format.
// Not handled: JSON arrays, CSV/TSV, compressed files; JSONL must be UTF-8, one object per line.

import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { CleanInputError } from '../errors.js';
import { findMemberValue } from '../jsonl.js';
import { splitLines, type InvalidLine } from '../../text/lines.js';

export type DocFormat = 'text' | 'jsonl';

/** `.jsonl` / `.ndjson` → jsonl, anything else → text. */
export function formatFromPath(path: string): DocFormat {
  return /\.(jsonl|ndjson)$/i.test(path) ? 'jsonl' : 'text';
}

export interface ReadDocumentsOptions {
  format: DocFormat;
  /** JSONL: the field holding the text. Default: `'text'`. */
  textField?: string;
  /** The stream read for the path `-`. Default: process.stdin. */
  stdin?: Readable;
  /**
   * A line that cannot be a document (not UTF-8; JSONL: not an object with a string text field):
   * `'stop'` (default) throws its CleanInputError, `'skip'` leaves it out and passes the error
   * to `onSkip` (to count or log it).
   */
  onError?: 'stop' | 'skip';
  onSkip?: (e: CleanInputError) => void;
  /** Bytes read so far over all the files (for progress), after each chunk. */
  onBytes?: (bytesDone: number) => void;
}

/**
 * The lines of a file or stdin, split at '\n' only (a trailing '\r' is dropped), as `mbbpe train`
 * and Hugging Face read them: a lone '\r' or U+2028 inside a line does not start a new document.
 * The last line counts even without a final '\n'; a final '\n' does not add an empty line.
 * A line that is not UTF-8 goes to `bad` (which throws to stop, or returns to skip it: then the
 * line comes as `null`, so line numbers stay right).
 */
async function* lines(path: string, stdin: Readable | undefined, bad: (e: CleanInputError) => void, onBytes?: (n: number) => void): AsyncGenerator<string | null> {
  const input: Readable = path === '-' ? (stdin ?? process.stdin) : createReadStream(path);
  let skipped = 0; // lines skipped since the last one yielded
  const onInvalid = (b: InvalidLine): void => {
    bad(new CleanInputError(path, b.line, `not valid UTF-8 (byte ${b.byte})`, 'convert the file to UTF-8 (e.g. iconv -f cp949 -t utf-8), or skip such lines (onError: "skip")'));
    skipped++;
  };
  try {
    for await (const line of splitLines(input as AsyncIterable<Uint8Array | string>, { onInvalid, ...(onBytes ? { onBytes } : {}) })) {
      for (; skipped > 0; skipped--) yield null;
      yield line;
    }
    for (; skipped > 0; skipped--) yield null;
  } finally {
    if (path !== '-') input.destroy();
  }
}

/**
 * One JSONL document: its text, and the raw line with the span of the text value, so writing it
 * back changes only that value (ids too large for a double, spacing and escapes stay byte-exact).
 */
export interface JsonlRecord {
  text: string;
  raw: string;
  start: number;
  end: number;
}

/**
 * Documents from the given files in order. Text: every line is a document (blank ones too, so
 * the report counts them). JSONL: every non-blank line must be an object whose `textField` is a
 * string; it comes as a {@link JsonlRecord} (clean it with `textField: 'text'`).
 */
export async function* readDocuments(paths: readonly string[], options: ReadDocumentsOptions): AsyncGenerator<string | JsonlRecord> {
  const field = options.textField ?? 'text';
  const bad = (e: CleanInputError): void => {
    if (options.onError !== 'skip') throw e;
    options.onSkip?.(e);
  };
  let before = 0; // bytes of the files already read
  for (const path of paths) {
    let done = 0;
    const onBytes = options.onBytes ? (n: number) => options.onBytes!(before + (done = n)) : undefined;
    const src = lines(path, options.stdin, bad, onBytes);
    if (options.format === 'text') {
      for await (const line of src) if (line !== null) yield line;
    } else yield* jsonlRecords(path, src, field, bad);
    before += done;
  }
}

async function* jsonlRecords(path: string, src: AsyncIterable<string | null>, field: string, bad: (e: CleanInputError) => void): AsyncGenerator<JsonlRecord> {
  let n = 0;
  for await (const line of src) {
    n++;
    if (line === null || line.trim() === '') continue;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch (e) {
      bad(new CleanInputError(path, n, `invalid JSON (${(e as Error).message})`, 'each line of a JSONL file must be one JSON object; read plain text with format: "text"'));
      continue;
    }
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
      bad(new CleanInputError(path, n, 'line is not a JSON object', 'each line must be an object such as {"text": "…"}'));
      continue;
    }
    const text = (doc as Record<string, unknown>)[field];
    const span = findMemberValue(line, field);
    if (typeof text !== 'string' || span === null) {
      bad(new CleanInputError(path, n, `object has no string field '${field}'`, 'set textField to the field holding the text, or skip such lines (onError: "skip")'));
      continue;
    }
    yield { text, raw: line, start: span.start, end: span.end };
  }
}

function isRecord(d: unknown): d is JsonlRecord {
  return typeof d === 'object' && d !== null && typeof (d as JsonlRecord).raw === 'string';
}

/**
 * Writes documents one per line, waiting on backpressure: strings as they are, JSONL records as
 * their raw line with the new text spliced in, other objects as JSON.
 */
export async function writeDocuments(docs: AsyncIterable<string | JsonlRecord | Record<string, unknown>>, out: Writable): Promise<number> {
  let n = 0;
  for await (const d of docs) {
    let line: string;
    if (typeof d === 'string') line = d;
    else if (isRecord(d)) line = d.raw.slice(0, d.start) + JSON.stringify(d.text) + d.raw.slice(d.end);
    else line = JSON.stringify(d);
    if (!out.write(line + '\n')) await once(out, 'drain');
    n++;
  }
  return n;
}

/** An output being written: `done()` makes it final, `abort()` leaves no trace of it. */
export interface DocumentOutput {
  stream: Writable;
  /** Flushes, syncs and renames the temporary file over `path` (atomic: all or nothing). */
  done(): Promise<void>;
  /** Discards what was written (the temporary file is removed; `path` keeps its old content). */
  abort(): Promise<void>;
}

/**
 * Opens `path` for writing (`-` → the given stdout) once the file is really open, so a bad path
 * fails before any input is read. The data goes to a temporary file beside `path` that `done()`
 * renames over it, so a run that stops on a bad line leaves no partial output (as `train` writes).
 */
export async function openOutput(path: string, stdout: Writable): Promise<DocumentOutput> {
  if (path === '-') return { stream: stdout, done: async () => {}, abort: async () => {} };
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const stream = createWriteStream(tmp, { encoding: 'utf8', flags: 'wx' });
  await once(stream, 'open');
  const close = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      if (stream.closed) return resolve();
      stream.once('error', reject);
      stream.end(() => resolve());
    });
  return {
    stream,
    async done() {
      await close();
      const fh = await open(tmp, 'r+');
      try {
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, path);
    },
    async abort() {
      // Writes still queued fail with ERR_STREAM_DESTROYED: expected, their data is being discarded.
      stream.on('error', () => undefined);
      stream.destroy();
      await rm(tmp, { force: true });
    },
  };
}
