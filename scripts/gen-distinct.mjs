#!/usr/bin/env node
// Writes the synthetic corpus of issue 11: N distinct words, ten a line joined by spaces, in order.
// Word i is chr(0xAC00 + i % 11172) + chr(0xAC00 + (i / 11172 | 0) % 11172), plus a third syllable
// chr(0xAC00 + i / 11172² | 0) only past 11172² = 124.8M words. Nothing is committed: the file is
// made on demand (20M words = 140 MB) for the soak test, the golden script and bench/train-scale.mjs.
// Usage: node scripts/gen-distinct.mjs WORDS OUT|-     (e.g. 20000000 /tmp/distinct-20m.txt)

import { createWriteStream } from 'node:fs';

const SYL = 11172;
const words = Number(process.argv[2]);
const out = process.argv[3];
if (!Number.isSafeInteger(words) || words < 1 || out === undefined) {
  process.stderr.write('usage: node scripts/gen-distinct.mjs WORDS OUT|-   (e.g. 20000000 distinct.txt)\n');
  process.exit(2);
}

/** Word i as UTF-8 bytes written into `buf` at `at`; returns the new offset. */
function putWord(buf, at, i) {
  const put = (cp) => {
    buf[at++] = 0xe0 | (cp >> 12);
    buf[at++] = 0x80 | ((cp >> 6) & 63);
    buf[at++] = 0x80 | (cp & 63);
  };
  put(0xac00 + (i % SYL));
  put(0xac00 + (Math.floor(i / SYL) % SYL));
  if (i >= SYL * SYL) put(0xac00 + Math.floor(i / (SYL * SYL)));
  return at;
}

const stream = out === '-' ? process.stdout : createWriteStream(out);
const CHUNK = 1 << 20;
let buf = Buffer.allocUnsafe(CHUNK + 256);
let at = 0;
for (let i = 0; i < words; i++) {
  at = putWord(buf, at, i);
  buf[at++] = i % 10 === 9 || i === words - 1 ? 0x0a : 0x20;
  if (at >= CHUNK) {
    if (!stream.write(buf.subarray(0, at))) await new Promise((r) => stream.once('drain', r));
    buf = Buffer.allocUnsafe(CHUNK + 256);
    at = 0;
  }
}
if (at > 0) stream.write(buf.subarray(0, at));
if (stream !== process.stdout) await new Promise((r, j) => stream.end((e) => (e ? j(e) : r())));
