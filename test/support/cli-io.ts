// In-memory streams for running `mbbpe` commands in-process: stdin from a string or bytes,
// stdout and stderr collected.

import { PassThrough } from 'node:stream';
import type { CliIO } from '../../src/cli/command.js';

export type MemoryIO = CliIO & { out: () => string; err: () => string; outBytes: () => Buffer };

export function memoryIO(stdin: string | Uint8Array = ''): MemoryIO {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  let e = '';
  stdout.on('data', (d: Buffer) => chunks.push(d));
  stderr.on('data', (d: Buffer) => (e += d.toString()));
  const input = new PassThrough();
  input.end(stdin);
  return {
    stdin: input,
    stdout,
    stderr,
    isTTY: false,
    out: () => Buffer.concat(chunks).toString('utf8'),
    outBytes: () => Buffer.concat(chunks),
    err: () => e,
  };
}
