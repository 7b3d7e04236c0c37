// Node-only document I/O for cleaning: reads text files (one document per line) or JSONL files
// (one object per line, the text in a field), and writes cleaned documents back in the same format.
// Not handled: JSON arrays, CSV/TSV, compressed files; JSONL must be UTF-8, one object per line.

import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { CleanInputError } from '../errors.js';
import { findMemberValue } from '../jsonl.js';

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
}

/**
 * The lines of a file or stdin, split at '\n' only (a trailing '\r' is dropped), as `mbbpe train`
 * and Hugging Face read them: a lone '\r' or U+2028 inside a line does not start a new document.
 * The last line counts even without a final '\n'; a final '\n' does not add an empty line.
 */
async function* lines(path: string, stdin: Readable | undefined): AsyncGenerator<string> {
  const input: Readable = path === '-' ? (stdin ?? process.stdin) : createReadStream(path);
  input.setEncoding('utf8'); // a StringDecoder: multi-byte characters split across chunks stay whole
  // Pieces of the current line, so a line spanning many chunks is joined once, not re-copied per chunk.
  let parts: string[] = [];
  let first = true;
  const emit = (line: string): string => {
    let l = line.endsWith('\r') ? line.slice(0, -1) : line;
    // A UTF-8 byte order mark is file metadata, not text.
    if (first && l.charCodeAt(0) === 0xfeff) l = l.slice(1);
    first = false;
    return l;
  };
  try {
    for await (const chunk of input) {
      const text = chunk as string;
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        parts.push(text.slice(from, nl));
        yield emit(parts.join(''));
        parts = [];
        from = nl + 1;
      }
      if (from < text.length) parts.push(text.slice(from));
    }
    if (parts.length > 0) yield emit(parts.join(''));
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
  for (const path of paths) {
    if (options.format === 'text') {
      yield* lines(path, options.stdin);
      continue;
    }
    let n = 0;
    for await (const line of lines(path, options.stdin)) {
      n++;
      if (line.trim() === '') continue;
      let doc: unknown;
      try {
        doc = JSON.parse(line);
      } catch (e) {
        throw new CleanInputError(path, n, `invalid JSON (${(e as Error).message})`, 'each line of a JSONL file must be one JSON object; use --format text for plain text');
      }
      if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
        throw new CleanInputError(path, n, 'line is not a JSON object', 'each line must be an object such as {"text": "…"}');
      }
      const text = (doc as Record<string, unknown>)[field];
      const span = findMemberValue(line, field);
      if (typeof text !== 'string' || span === null) {
        throw new CleanInputError(path, n, `object has no string field '${field}'`, 'name the text field with --text-field');
      }
      yield { text, raw: line, start: span.start, end: span.end };
    }
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

/**
 * Opens `path` for writing (`-` → the given stdout) once the file is really open, so a bad path
 * fails before any input is read; `done()` flushes and closes a file.
 */
export async function openOutput(path: string, stdout: Writable): Promise<{ stream: Writable; done: () => Promise<void> }> {
  if (path === '-') return { stream: stdout, done: async () => {} };
  const stream = createWriteStream(path, { encoding: 'utf8' });
  await once(stream, 'open');
  return {
    stream,
    done: () =>
      new Promise<void>((resolve, reject) => {
        stream.once('error', reject);
        stream.end(() => resolve());
      }),
  };
}
