// Runs `mbbpe` commands in-process for the morph tests, collecting stdout as bytes.

import { main } from '../../src/cli/dispatch.js';
import { memoryIO } from '../support/cli-io.js';

export async function runCli(argv: string[], stdin?: Uint8Array | string): Promise<{ code: number; out: Buffer; err: string }> {
  const io = memoryIO(stdin ?? '');
  const code = await main(argv, io);
  return { code, out: io.outBytes(), err: io.err() };
}

/** Compares two outputs line by line; returns the number of differing lines and a few examples. */
export function diffLines(actual: string, expected: string): { differing: number; total: number; examples: string[] } {
  const a = actual.split('\n');
  const e = expected.split('\n');
  let differing = 0;
  const examples: string[] = [];
  for (let i = 0; i < Math.max(a.length, e.length); i++) {
    if (a[i] !== e[i]) {
      differing++;
      if (examples.length < 5) examples.push(`line ${i + 1}: got ${JSON.stringify(a[i])} want ${JSON.stringify(e[i])}`);
    }
  }
  return { differing, total: e.length, examples };
}
