// Corpus readers for counting: plain text files, gzip files (`.gz`, read through node:zlib), stdin
// (the path `-`), as blocks of whole lines; and JSONL (one object per line, the text in a field, as
// `mbbpe clean` reads it), as sequences. Node-only. Not handled: other compressions, JSON arrays,
// seeking in compressed files (so no `--shard` of a `.gz`).

import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { TrainInputError } from './errors.js';
import { decodeBlock, LineBlocker } from './lines.js';
import { blocksOfRange, type InputRange } from './sources.js';

export type CorpusFormat = 'text' | 'jsonl';
export const CORPUS_FORMATS: readonly CorpusFormat[] = ['text', 'jsonl'];

/** `.gz` files are read through gunzip. */
export function isGzip(path: string): boolean {
  return /\.gz$/i.test(path);
}

/** The format of `path`: `.jsonl` / `.ndjson` (optionally `.gz`) → jsonl, anything else (and stdin) → text. */
export function formatFromPath(path: string): CorpusFormat {
  return /\.(jsonl|ndjson)(\.gz)?$/i.test(path) ? 'jsonl' : 'text';
}

export interface ReadOptions {
  /** The stream read for `-`. Default: process.stdin. */
  stdin?: Readable;
  /** Adds the input bytes consumed (compressed bytes for `.gz`), for progress. */
  onConsumed?: (bytes: number) => void;
}

function readFailed(file: string, e: unknown): TrainInputError {
  const err = e as NodeJS.ErrnoException;
  if (typeof err.code === 'string' && err.code.startsWith('Z_'))
    return new TrainInputError(file, `not a valid gzip file (${err.message})`, 'check the file, or rename it if it is not compressed');
  return new TrainInputError(file, `read failed (${err.code ?? err.message})`, 'check the file');
}

async function* blocksOfStream(file: string, stream: Readable, opts: ReadOptions, counted: Readable): AsyncGenerator<Uint8Array> {
  const blocker = new LineBlocker();
  const onData = (c: Buffer) => opts.onConsumed?.(c.length);
  if (opts.onConsumed) counted.on('data', onData);
  try {
    for await (const chunk of stream) {
      const b = blocker.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
      if (b.length > 0) yield b;
    }
  } catch (e) {
    throw readFailed(file, e);
  } finally {
    counted.off('data', onData);
  }
  const rest = blocker.end();
  if (rest.length > 0) yield rest;
}

/** The bytes of one input range in blocks of whole lines: a file's range, a whole `.gz` file, or stdin. */
export async function* corpusBlocks(r: InputRange, opts: ReadOptions = {}): AsyncGenerator<Uint8Array> {
  if (r.file === '-') {
    const stdin = opts.stdin ?? process.stdin;
    yield* blocksOfStream('-', stdin, opts, stdin);
    return;
  }
  if (isGzip(r.file)) {
    const raw = createReadStream(r.file, { highWaterMark: 1 << 20 });
    const gunzip = createGunzip({ chunkSize: 1 << 20 });
    raw.on('error', (e) => gunzip.destroy(e));
    yield* blocksOfStream(r.file, raw.pipe(gunzip), opts, raw);
    return;
  }
  for await (const b of blocksOfRange(r)) {
    opts.onConsumed?.(b.length);
    yield b;
  }
}

/** The sequences of a block of JSONL lines. */
export interface JsonlBlock {
  texts: string[];
  /** Lines read (blank ones included) and those not valid UTF-8. */
  lines: number;
  invalid: number;
}

/**
 * Parses a block of JSONL: every non-blank line must be a JSON object whose `textField` is a
 * string; that string is one sequence. `firstLine` is the 1-based number of the block's first line
 * (for errors).
 */
export function jsonlTexts(block: Uint8Array, file: string, firstLine: number, textField: string): JsonlBlock {
  const { lines, invalid } = decodeBlock(block);
  const texts: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch (e) {
      throw new TrainInputError(file, `line ${firstLine + i}: invalid JSON (${(e as Error).message})`, 'each line of a JSONL file must be one JSON object; use --format text for plain text');
    }
    const text = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>)[textField] : undefined;
    if (typeof text !== 'string') throw new TrainInputError(file, `line ${firstLine + i}: no string field '${textField}'`, 'name the text field with --text-field');
    texts.push(text);
  });
  return { texts, lines: lines.length, invalid };
}
