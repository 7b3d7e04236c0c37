// Bun (JavaScriptCore, not V8: its own regex engine and Unicode tables) runs the built entries
// unbundled and gives Node's ids, offsets and decoded text on the corpus sample.

import { describe, it } from 'vitest';
import { runInRuntime, versionOf } from './cli-runtime.js';
import { ENTRIES, bin, entryFile, expectSame, findTool, inCI, need, nodeExpected, platformInput, tokenCount } from './support.js';

const input = platformInput();
const bun = findTool('bun', [bin('bun')]);

describe.runIf(input && (bun || inCI))('Bun runs the platform-neutral entries like Node', () => {
  it.each(ENTRIES)('%s', async (entry) => {
    const exe = need('bun', bun);
    const want = await nodeExpected(entry, input!);
    const run = runInRuntime('bun', entryFile(entry), input!, (_dir, d) => ({ cmd: exe, args: ['run', ...d], env: { ...process.env, BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0', NO_COLOR: '1' } }));
    expectSame(`Bun ${entry}`, want, run.results, input!);
    process.stderr.write(`[platform bun] ${versionOf(exe)} ${entry}: ${input!.lines.length} lines × ${want.length} tokenizers, ${tokenCount(want)} tokens identical (${run.ms.toFixed(0)} ms)\n`);
  }, 300_000); // a hang guard only: a loaded machine may need minutes (vitest's default is 120 s)
});
