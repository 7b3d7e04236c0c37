// Issue 16's bug, reproduced with bundles: `mbbpe` and `mbbpe/node` are built here as separate
// esbuild bundles, each with its own copy of the Tokenizer class (as `splitting: false` builds them),
// plus the encode worker beside them, as in dist/. A Tokenizer from the `mbbpe` bundle, given
// EncodePool.create from the `mbbpe/node` bundle, must encode on worker threads: with the old
// module-level hook it never did (the hook lived in the other copy).

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedFile } from '../support/shared.js';

const json = sharedFile('vocab/polyglot-ko/tokenizer.json', 'workers entries');
const corpus = sharedFile('corpora/nsmc/nsmc_raw_reviews.txt', 'workers entries');

let dir = '';
beforeAll(async () => {
  if (!json || !corpus) return;
  dir = mkdtempSync(join(tmpdir(), 'mbbpe-entries-'));
  const common = { bundle: true, platform: 'node', format: 'esm', target: 'node18', logLevel: 'error' } as const;
  await build({ ...common, entryPoints: ['src/index.ts'], outfile: join(dir, 'index.mjs') });
  await build({ ...common, entryPoints: ['src/node.ts'], outfile: join(dir, 'node.mjs') });
  await build({ ...common, entryPoints: ['src/tokenizer/encode-worker.ts'], outfile: join(dir, 'encode-worker.mjs') });
}, 180_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(json && corpus)('a Tokenizer from the mbbpe bundle with a pool from the mbbpe/node bundle', () => {
  it('encodes on worker threads and gives encodeBatch / encodeIds results', () => {
    const script = join(dir, 'check.mjs');
    writeFileSync(
      script,
      `import { readFileSync } from 'node:fs';
import * as core from './index.mjs';
import * as node from './node.mjs';
const [json, corpus] = process.argv.slice(2);
const texts = readFileSync(corpus, 'utf8').split('\\n').slice(0, 3000);
const started = [];
const batchRunner = async (tok, o) => {
  const pool = await node.EncodePool.create(tok, { ...o, minParallelChars: 0 });
  started.push(pool.mode);
  return pool;
};
const tok = core.Tokenizer.fromJSON(readFileSync(json), { batchRunner });
const sameEnc = JSON.stringify(await tok.encodeBatchParallel(texts)) === JSON.stringify(tok.encodeBatch(texts));
const ids = await tok.encodeIdsBatchParallel(texts);
const sameIds = ids.every((a, i) => a.join() === tok.encodeIds(texts[i]).join());
await tok.close();
// The README form: EncodePool.create itself as the option.
const tok2 = core.Tokenizer.fromJSON(readFileSync(json), { batchRunner: node.EncodePool.create });
const same2 = JSON.stringify(await tok2.encodeBatchParallel(texts)) === JSON.stringify(tok2.encodeBatch(texts));
await tok2.close();
console.log(JSON.stringify({ separateCopies: core.Tokenizer !== node.Tokenizer, started, sameEnc, sameIds, same2 }));
`,
    );
    const r = spawnSync(process.execPath, [script, json!, corpus!], { encoding: 'utf8', cwd: dir, timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ separateCopies: true, started: ['workers'], sameEnc: true, sameIds: true, same2: true });
  }, 180_000);
});
