// Word-count files, the unit of distributed counting: `mbbpe count` writes the counts of one shard,
// `mbbpe train --from-counts` sums any number of them. Line 1 is a JSON header naming the format, the
// pre-tokenizer and segmentation the words were made with; then one `count<TAB>word` line per word,
// with '\\', TAB, LF and CR in words escaped as \\\\, \\t, \\n, \\r. Node-only.

import { createReadStream } from 'node:fs';
import { CountsFileError } from './errors.js';
import { decodeBlock, LineBlocker } from './lines.js';
import { writeFileAtomic } from './write-atomic.js';

export const COUNTS_FORMAT = 'mbbpe-word-counts';
export const COUNTS_VERSION = 1;

export interface CountsHeader {
  format: typeof COUNTS_FORMAT;
  version: number;
  /** The tokenizer.json `pre_tokenizer` the words were made with. */
  pre_tokenizer: unknown;
  /** `mecab` (morphemes joined with U+0CF1 before pre-tokenizing) or `none`. */
  segment: string;
  /** Whether lines were cleaned (src/clean/) first. */
  clean?: boolean;
  /** The cleaner's mask tokens (special tokens of a tokenizer trained on these counts; not counted). */
  mask_tokens?: string[];
  bytes: number;
  lines: number;
  invalid_lines: number;
  /** Lines the cleaning dropped. */
  dropped_lines?: number;
  words: number;
}

function escapeWord(w: string): string {
  return /[\\\t\n\r]/.test(w) ? w.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : w;
}

function unescapeWord(w: string): string | null {
  if (!w.includes('\\')) return w;
  let bad = false;
  const out = w.replace(/\\(.?)/g, (_m, c: string) => {
    if (c === '\\') return '\\';
    if (c === 't') return '\t';
    if (c === 'n') return '\n';
    if (c === 'r') return '\r';
    bad = true;
    return '';
  });
  return bad ? null : out;
}

/** Writes counts sorted by count (descending) then word, so equal inputs give byte-equal files. */
export async function writeCountsFile(path: string, counts: Map<string, number>, header: Omit<CountsHeader, 'format' | 'version' | 'words'>): Promise<void> {
  const entries = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const full: CountsHeader = { format: COUNTS_FORMAT, version: COUNTS_VERSION, ...header, words: entries.length };
  function* pieces(): Generator<string> {
    yield JSON.stringify(full) + '\n';
    for (const [w, n] of entries) yield `${n}\t${escapeWord(w)}\n`;
  }
  await writeFileAtomic(path, pieces());
}

/** Reads one counts file, adding its counts into `into`; returns its header. */
export async function readCountsFile(path: string, into: Map<string, number>): Promise<CountsHeader> {
  let header: CountsHeader | null = null;
  let lineNo = 0;
  const blocker = new LineBlocker();
  const take = (bytes: Uint8Array): void => {
    const { lines, invalid } = decodeBlock(bytes);
    if (invalid > 0) throw new CountsFileError(path, lineNo + 1, 'not valid UTF-8', 'regenerate it with mbbpe count');
    for (const raw of lines) {
      lineNo++;
      const line = raw.endsWith('\n') ? raw.slice(0, -1) : raw;
      if (header === null) {
        header = parseHeader(path, line);
        continue;
      }
      const tab = line.indexOf('\t');
      const n = Number(line.slice(0, tab));
      const w = tab < 0 ? null : unescapeWord(line.slice(tab + 1));
      if (tab <= 0 || !Number.isSafeInteger(n) || n < 1 || w === null)
        throw new CountsFileError(path, lineNo, `expected 'count<TAB>word', got ${JSON.stringify(line.slice(0, 80))}`, 'regenerate it with mbbpe count');
      into.set(w, (into.get(w) ?? 0) + n);
    }
  };
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) take(blocker.push(chunk as Buffer));
  } catch (e) {
    if (e instanceof CountsFileError) throw e;
    throw new CountsFileError(path, 0, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 'check the path');
  }
  take(blocker.end());
  if (header === null) throw new CountsFileError(path, 0, 'empty file', 'regenerate it with mbbpe count');
  return header;
}

function parseHeader(path: string, line: string): CountsHeader {
  let h: Partial<CountsHeader>;
  try {
    h = JSON.parse(line) as Partial<CountsHeader>;
  } catch {
    throw new CountsFileError(path, 1, 'the first line is not a JSON header', 'pass a file written by mbbpe count');
  }
  if (h.format !== COUNTS_FORMAT) throw new CountsFileError(path, 1, `format is ${JSON.stringify(h.format)}, not ${COUNTS_FORMAT}`, 'pass a file written by mbbpe count');
  if (h.version !== COUNTS_VERSION) throw new CountsFileError(path, 1, `version ${h.version} is not supported (expected ${COUNTS_VERSION})`, 'regenerate it with this mbbpe');
  return h as CountsHeader;
}

/** Key-order-independent JSON, to compare the pre-tokenizers of shards. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}
