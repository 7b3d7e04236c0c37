// Byte-exact output formats of the `mecab` program for one input line: the default
// `surface<TAB>feature` lines + `EOS`, and `-Owakati` (surfaces joined by spaces). Works on raw
// UTF-8 bytes so invalid input bytes come out exactly as native MeCab writes them.

import type { Analyzer } from './analyzer.js';

/** A growable byte buffer. */
export class ByteSink {
  buf = new Uint8Array(1 << 16);
  length = 0;

  reserve(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.length + extra) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.buf.subarray(0, this.length));
    this.buf = b;
  }

  push(bytes: Uint8Array, start = 0, end = bytes.length): void {
    this.reserve(end - start);
    if (end - start < 64) {
      // Morpheme surfaces are a few bytes: a loop beats allocating a subarray for set().
      const buf = this.buf;
      let j = this.length;
      for (let i = start; i < end; i++) buf[j++] = bytes[i]!;
      this.length = j;
      return;
    }
    this.buf.set(bytes.subarray(start, end), this.length);
    this.length += end - start;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.length++] = b;
  }

  /** The bytes written so far (a copy) and resets the sink. */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.length);
    this.length = 0;
    return out;
  }
}

const EOS = new Uint8Array([0x45, 0x4f, 0x53, 0x0a]);

/** MeCab default output for one line (no trailing newline in `line`): morpheme lines then `EOS\n`. */
export function writeMecab(analyzer: Analyzer, line: Uint8Array, out: ByteSink): void {
  const path = analyzer.analyzeBytes(line);
  const dict = analyzer.dictionary;
  for (let i = 0; i < path.length; i++) {
    out.push(line, path.start[i]!, path.end[i]!);
    out.byte(0x09);
    const t = path.token[i]!;
    out.reserve(dict.featureLength(t) + 1);
    out.length = dict.copyFeature(t, out.buf, out.length);
    out.buf[out.length++] = 0x0a;
  }
  out.push(EOS);
}

/** MeCab `-Owakati` output for one line: surfaces joined by single spaces, then a space and `\n`. */
export function writeWakati(analyzer: Analyzer, line: Uint8Array, out: ByteSink): void {
  const path = analyzer.analyzeBytes(line);
  for (let i = 0; i < path.length; i++) {
    out.push(line, path.start[i]!, path.end[i]!);
    out.byte(0x20);
  }
  out.byte(0x0a);
}
