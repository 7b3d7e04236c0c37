// In-process CLI runner for the runtime commands' tests: exit code and output as strings.

import { main } from '../../src/cli/dispatch.js';
import { memoryIO } from '../support/cli-io.js';

export async function runCli(argv: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIO(stdin);
  const code = await main(argv, io);
  await new Promise((r) => setImmediate(r));
  return { code, out: io.out(), err: io.err() };
}
