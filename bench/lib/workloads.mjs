// The benchmark inputs, built the same way in every process from ../shared/corpora: NSMC and
// precedents one line per encode call, NSMC's short reviews alone (nsmc-short), and precedents as
// ~1 MB strings. MB = 1e6 bytes of UTF-8.
// Deterministic (always the start of each file), so the parent and each peer see identical text.

import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const sharedRoot = resolve(repoRoot, '../shared');
export const outDir = resolve(repoRoot, 'bench/out');

export const CORPORA = {
  nsmc: 'corpora/nsmc/nsmc_raw_reviews.txt',
  precedents: 'corpora/korean-precedents/precedents_paragraphs.txt',
};
export const TOKENIZER_JSON = 'vocab/polyglot-ko/tokenizer.json';
export const TOKENIZER_CONFIG = 'vocab/polyglot-ko/tokenizer_config.json';

export const WORKLOADS = ['nsmc-lines', 'precedents-lines', 'precedents-1mb', 'nsmc-short'];

/** nsmc-short: NSMC reviews under this many characters (code points) — short online comments. */
export const SHORT_MAX_CHARS = 60;

export function sharedPath(rel) {
  const p = resolve(sharedRoot, rel);
  if (!existsSync(p)) throw new Error(`../shared/${rel} is absent: the benchmark needs ../shared (see bench/README.md)`);
  return p;
}

const utf8 = (s) => Buffer.byteLength(s, 'utf8');

// The corpus files are 25 and 62 MB. Reading and splitting a whole one costs ~0.5 s and ~150 MB of
// heap in every peer process (and makes each forced GC of the heap check slower), while --quick needs
// 0.5 MB. So read a prefix, cut it at its last newline (0x0A never occurs inside a multi-byte UTF-8
// sequence) and read further only when a caller runs short: the lines are exactly a full read's.
const prefixCache = new Map(); // key → { lines, eof }, the longest prefix read so far

function corpusLines(key, minBytes) {
  const cached = prefixCache.get(key);
  if (cached && (cached.eof || cached.bytes >= minBytes)) return cached;
  const fd = openSync(sharedPath(CORPORA[key]), 'r');
  try {
    const size = fstatSync(fd).size;
    const want = Math.min(size, Math.ceil(minBytes));
    const buf = Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const n = readSync(fd, buf, got, want - got, got);
      if (n === 0) break;
      got += n;
    }
    const eof = got >= size;
    const end = eof ? got : Math.max(0, buf.lastIndexOf(0x0a, got - 1));
    const lines = end > 0 || eof ? buf.toString('utf8', 0, end).split('\n') : [];
    const entry = { lines, bytes: end, eof };
    prefixCache.set(key, entry);
    return entry;
  } finally {
    closeSync(fd);
  }
}

/** Calls `take(lines)` on growing prefixes of a corpus until it returns a result or the file ends. */
function fromPrefix(key, guessBytes, take) {
  for (let need = guessBytes + 65536; ; need *= 2) {
    const { lines, eof } = corpusLines(key, need);
    const r = take(lines, eof);
    if (r) return r;
    if (eof) throw new Error(`${CORPORA[key]}: fromPrefix ran out of text`); // take() reports why
  }
}

/**
 * Non-empty lines (those `keep` accepts), after skipping the first `offsetMb` MB, until `mb` MB of
 * UTF-8 are collected.
 */
function linesUpTo(key, mb, offsetMb = 0, keep = null) {
  const want = mb * 1e6;
  // Newlines add ~1% (NSMC) to 0.4% (precedents) to the line bytes: 3% over is usually one read.
  // Filtered lines take a share of the file: read more up front (fromPrefix doubles if short).
  return fromPrefix(key, (mb + offsetMb) * (keep ? 2.5e6 : 1.03e6), (lines, eof) => {
    const out = [];
    let bytes = 0;
    let skipped = 0;
    for (const line of lines) {
      if (bytes >= want) break;
      if (line.length === 0 || (keep && !keep(line))) continue;
      if (skipped < offsetMb * 1e6) {
        skipped += utf8(line);
        continue;
      }
      out.push(line);
      bytes += utf8(line);
    }
    if (bytes >= want) return { texts: out, bytes };
    if (eof) throw new Error(`${CORPORA[key]} has only ${(bytes / 1e6).toFixed(1)} MB of lines after ${offsetMb} MB; asked for ${mb} MB`);
    return null;
  });
}

/** Precedents joined with "\n" into strings of about 1 MB each, `mb` MB in all (at least one string). */
function megabyteStrings(mb) {
  const target = Math.max(mb * 1e6, 1e6);
  return fromPrefix('precedents', target * 1.03, (lines, eof) => {
    const out = [];
    let bytes = 0;
    let cur = [];
    let curBytes = 0;
    for (const line of lines) {
      if (bytes + curBytes >= target) break;
      cur.push(line);
      curBytes += utf8(line) + 1;
      if (curBytes >= 1e6) {
        const s = cur.join('\n');
        out.push(s);
        bytes += utf8(s);
        cur = [];
        curBytes = 0;
      }
    }
    // A short corpus gives what it has (the unfinished last string is dropped), as before.
    return bytes + curBytes >= target || eof ? { texts: out, bytes } : null;
  });
}

/** `{ texts, bytes }` for a workload name at `mb` MB (line workloads may start `offsetMb` MB in). */
export function loadWorkload(name, mb, offsetMb = 0) {
  switch (name) {
    case 'nsmc-lines':
      return linesUpTo('nsmc', mb, offsetMb);
    case 'precedents-lines':
      return linesUpTo('precedents', mb);
    case 'precedents-1mb':
      return megabyteStrings(mb);
    case 'nsmc-short': {
      const short = (line) => {
        let n = 0;
        for (const _ of line) if (++n >= SHORT_MAX_CHARS) return false;
        return true;
      };
      return linesUpTo('nsmc', mb, offsetMb, short);
    }
    default:
      throw new Error(`unknown workload '${name}' (known: ${WORKLOADS.join(', ')})`);
  }
}

/** Up to `n` texts spread over a workload (not just its head): the correctness sample. */
export function sampleOf(texts, n) {
  if (texts.length <= n) return texts.slice();
  const step = texts.length / n;
  return Array.from({ length: n }, (_, i) => texts[Math.floor(i * step)]);
}

export { utf8 };
