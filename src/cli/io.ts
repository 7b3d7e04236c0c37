// Line input and buffered output for the runtime's CLI commands: streams stdin or a file line by
// line (without the trailing "\n"), and writes with backpressure. No argument parsing here.

import { createReadStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import type { CliIO } from './command.js';

/** The lines of `source` ('-' = stdin), each without its "\n"; a final empty line is not yielded. */
export async function* readLines(source: string, io: CliIO): AsyncGenerator<string> {
  const stream: Readable = source === '-' ? io.stdin : createReadStream(source);
  const dec = new TextDecoder('utf-8');
  let rest = '';
  for await (const chunk of stream) {
    rest += typeof chunk === 'string' ? chunk : dec.decode(chunk as Uint8Array, { stream: true });
    let i = rest.indexOf('\n');
    let start = 0;
    while (i !== -1) {
      yield rest.slice(start, i);
      start = i + 1;
      i = rest.indexOf('\n', start);
    }
    rest = rest.slice(start);
  }
  rest += dec.decode();
  if (rest !== '') yield rest;
}

/** Buffered writer honouring backpressure; call `end()` (awaited) before returning. */
export class Out {
  private buf = '';
  constructor(private readonly stream: Writable) {}
  async write(s: string): Promise<void> {
    this.buf += s;
    if (this.buf.length >= 1 << 16) await this.flush();
  }
  async flush(): Promise<void> {
    if (!this.buf) return;
    const s = this.buf;
    this.buf = '';
    if (!this.stream.write(s)) await new Promise<void>((r) => this.stream.once('drain', () => r()));
  }
  async end(): Promise<void> {
    await this.flush();
  }
}
