// Cloudflare's workerd (the Workers runtime, V8 without Node's APIs: no nodejs_compat flag, so no
// `process`, `Buffer` or `node:` modules) runs the bundled entries and gives Node's results. The
// worker's `test()` handler runs once under `workerd test` (no socket, no port) and prints the
// results on stdout after a marker.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JobResult } from './job.js';
import { ENTRIES, bin, bundleJob, expectSame, findTool, inCI, need, nodeExpected, platformInput, tokenCount } from './support.js';

const input = platformInput();
const workerd = findTool('workerd', [bin('workerd')]);
const MARK = '@@mbbpe-results@@';

const CONFIG = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (services = [(name = "main", worker = .w)]);
const w :Workerd.Worker = (
  modules = [(name = "worker", esModule = embed "worker.js"), (name = "input.json", json = embed "input.json")],
  compatibilityDate = "2025-01-01",
);
`;

describe.runIf(input && (workerd || inCI))('workerd runs the platform-neutral entries like Node', () => {
  it.each(ENTRIES)('%s', async (entry) => {
    const exe = need('workerd', workerd);
    const want = await nodeExpected(entry, input!);
    const head = `import input from 'input.json';
export default { async test() { console.log(${JSON.stringify(MARK)} + JSON.stringify(job(lib, input))); } };`;
    const js = await bundleJob(entry, head, ['input.json']);
    const dir = mkdtempSync(join(tmpdir(), 'mbbpe-workerd-'));
    try {
      writeFileSync(join(dir, 'worker.js'), js);
      writeFileSync(join(dir, 'input.json'), JSON.stringify(input));
      writeFileSync(join(dir, 'config.capnp'), CONFIG);
      const r = spawnSync(exe, ['test', 'config.capnp'], { cwd: dir, encoding: 'utf8', timeout: 240_000, maxBuffer: 256 << 20 });
      const line = r.stdout.split('\n').find((l) => l.startsWith(MARK));
      expect(line, `workerd exited with ${r.status ?? r.signal}:\n${r.stderr}\n${r.stdout.slice(0, 2000)}`).toBeDefined();
      expectSame(`workerd ${entry}`, want, JSON.parse(line!.slice(MARK.length)) as JobResult[], input!);
      expect(r.status).toBe(0);
      const version = spawnSync(exe, ['--version'], { encoding: 'utf8' }).stdout.trim();
      process.stderr.write(`[platform workerd] ${version} ${entry}: ${input!.lines.length} lines × ${want.length} tokenizers, ${tokenCount(want)} tokens identical (bundle ${js.length} bytes)\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000); // a hang guard only: a loaded machine may need minutes (vitest's default is 120 s)
});
