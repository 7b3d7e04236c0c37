// The benchmark inputs, built the same way in every process from ../shared/corpora: NSMC and
// precedents one line per encode call, and precedents as ~1 MB strings. MB = 1e6 bytes of UTF-8.
// Deterministic (always the start of each file), so the parent and each peer see identical text.

import { existsSync, readFileSync } from 'node:fs';
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

export const WORKLOADS = ['nsmc-lines', 'precedents-lines', 'precedents-1mb'];

export function sharedPath(rel) {
  const p = resolve(sharedRoot, rel);
  if (!existsSync(p)) throw new Error(`../shared/${rel} is absent: the benchmark needs ../shared (see bench/README.md)`);
  return p;
}

const utf8 = (s) => Buffer.byteLength(s, 'utf8');
const fileCache = new Map();

function corpusLines(key) {
  if (!fileCache.has(key)) fileCache.set(key, readFileSync(sharedPath(CORPORA[key]), 'utf8').split('\n'));
  return fileCache.get(key);
}

/** Non-empty lines, after skipping the first `offsetMb` MB, until `mb` MB of UTF-8 are collected. */
function linesUpTo(key, mb, offsetMb = 0) {
  const want = mb * 1e6;
  const out = [];
  let bytes = 0;
  let skipped = 0;
  for (const line of corpusLines(key)) {
    if (bytes >= want) break;
    if (line.length === 0) continue;
    if (skipped < offsetMb * 1e6) {
      skipped += utf8(line);
      continue;
    }
    out.push(line);
    bytes += utf8(line);
  }
  if (bytes < want) throw new Error(`${CORPORA[key]} has only ${(bytes / 1e6).toFixed(1)} MB of lines after ${offsetMb} MB; asked for ${mb} MB`);
  return { texts: out, bytes };
}

/** Precedents joined with "\n" into strings of about 1 MB each, `mb` MB in all (at least one string). */
function megabyteStrings(mb) {
  const out = [];
  let bytes = 0;
  let cur = [];
  let curBytes = 0;
  for (const line of corpusLines('precedents')) {
    if (bytes + curBytes >= Math.max(mb * 1e6, 1e6)) break;
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
  return { texts: out, bytes };
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
