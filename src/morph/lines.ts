// Applies one output format to a block of complete input lines, the way the `mecab` program treats
// its input: one line (without `\n`) = one sentence, cut at the first NUL byte (MeCab parses a C
// string), `\r` kept (it is whitespace to MeCab). Used by `mbbpe segment` and by pool workers.

import type { Analyzer } from './analyzer.js';
import { ByteSink, writeMecab, writeWakati } from './format.js';

export type SegmentFormat = 'mecab' | 'wakati' | 'jsonl';
export const SEGMENT_FORMATS: readonly SegmentFormat[] = ['mecab', 'wakati', 'jsonl'];

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/** One line as a C string: MeCab stops at the first NUL byte. */
function cLine(line: Uint8Array): Uint8Array {
  const nul = line.indexOf(0);
  return nul < 0 ? line : line.subarray(0, nul);
}

function writeJsonl(analyzer: Analyzer, line: Uint8Array, out: ByteSink): void {
  // TextDecoder refuses SharedArrayBuffer views; lines are small, copy when needed.
  const plain = line.buffer instanceof ArrayBuffer ? line : line.slice();
  const text = decoder.decode(plain);
  out.push(encoder.encode(JSON.stringify(analyzer.analyze(text))));
  out.byte(0x0a);
}

/**
 * Formats every `\n`-terminated line of `block` into `out`. Bytes after the last `\n` are ignored
 * (the caller keeps them for the next block, or appends `\n` at end of input).
 */
export function formatLines(analyzer: Analyzer, format: SegmentFormat, block: Uint8Array, out: ByteSink): void {
  let start = 0;
  for (;;) {
    const nl = block.indexOf(0x0a, start);
    if (nl < 0) break;
    let line = block.subarray(start, nl);
    if (analyzer.options.normalize === 'NFC' && format !== 'jsonl') {
      line = encoder.encode(decoder.decode(line.buffer instanceof ArrayBuffer ? line : line.slice()).normalize('NFC'));
    }
    if (format === 'mecab') writeMecab(analyzer, cLine(line), out);
    else if (format === 'wakati') writeWakati(analyzer, cLine(line), out);
    else writeJsonl(analyzer, line, out);
    start = nl + 1;
  }
}
