// Deno runs the built entries unbundled, with read access to the package and the input only (no
// env, net, run or ffi permission: the core must not reach for them), and gives Node's results.

import { dirname, join } from 'node:path';
import { describe, it } from 'vitest';
import { runInRuntime, versionOf } from './cli-runtime.js';
import { ENTRIES, bin, entryFile, expectSame, findTool, inCI, jobFile, need, nodeExpected, platformInput, platformsDir, tokenCount } from './support.js';

const input = platformInput();
const deno = findTool('deno', [bin('deno')]);

describe.runIf(input && (deno || inCI))('Deno runs the platform-neutral entries like Node', () => {
  it.each(ENTRIES)('%s', async (entry) => {
    const exe = need('deno', deno);
    const want = await nodeExpected(entry, input!);
    const file = entryFile(entry);
    const run = runInRuntime('deno', file, input!, (dir, d) => ({
      cmd: exe,
      args: ['run', '--no-config', '--no-prompt', '--no-lock', `--allow-read=${dir},${dirname(file)},${dirname(jobFile)}`, `--allow-write=${dir}`, ...d],
      // Deno's transpile cache stays in the platforms folder, not in $HOME.
      env: { ...process.env, DENO_DIR: join(platformsDir, 'deno-dir'), NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
    }));
    expectSame(`Deno ${entry}`, want, run.results, input!);
    process.stderr.write(`[platform deno] ${versionOf(exe)} ${entry}: ${input!.lines.length} lines × ${want.length} tokenizers, ${tokenCount(want)} tokens identical (${run.ms.toFixed(0)} ms)\n`);
  }, 300_000); // a hang guard only: a loaded machine may need minutes (vitest's default is 120 s)
});
