// The platform-neutral entry (src/index.ts → `mbbpe`) must bundle for browsers: nothing it reaches may
// import a `node:` module or a Node builtin. esbuild resolves the whole import graph the way a
// bundler would and fails on the first such import; the bundle is then loaded in a plain VM context
// (no `require`, no `process`) to show it runs without Node globals.

import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';

describe('platform-neutral entries', () => {
  it.each(['src/index.ts', 'src/runtime.ts'])('%s bundles for the browser with no node: import, and runs without Node globals', async (entry) => {
    const nodeImports: string[] = [];
    const result = await build({
      entryPoints: [join(repoRoot, entry)],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'iife',
      globalName: 'mbbpe',
      logLevel: 'silent',
      plugins: [
        {
          name: 'no-node-builtins',
          setup(b) {
            const builtins = new Set(builtinModules);
            b.onResolve({ filter: /.*/ }, (args) => {
              const bare = args.path.replace(/^node:/, '').split('/')[0]!;
              if (args.path.startsWith('node:') || builtins.has(bare)) {
                nodeImports.push(`${args.path} (from ${args.importer.slice(repoRoot.length + 1)})`);
                return { path: args.path, external: true };
              }
              return undefined;
            });
          },
        },
      ],
    });
    expect(nodeImports).toEqual([]);
    const code = result.outputFiles[0]!.text;
    const sandbox: Record<string, unknown> = { TextEncoder, TextDecoder, console };
    runInNewContext(`${code}\nthis.lib = mbbpe;`, sandbox);
    const lib = sandbox.lib as typeof import('../../src/index.js');
    const json = {
      version: '1.0',
      added_tokens: [],
      normalizer: null,
      pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
      post_processor: null,
      decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
      model: { type: 'BPE', dropout: null, unk_token: null, vocab: { a: 0, b: 1, ab: 2 }, merges: ['a b'] },
    };
    // The parsed object (ordinary loader), text and bytes (fast loader), and a snapshot of it.
    const fromText = lib.Tokenizer.fromJSON(JSON.stringify(json));
    const sources = [json, JSON.stringify(json), new TextEncoder().encode(JSON.stringify(json)), fromText.toSnapshot()];
    for (const src of sources) {
      const tok = lib.Tokenizer.fromJSON(src);
      expect(Array.from(tok.encode('abab').ids)).toEqual([2, 2]);
      expect(tok.decode([2, 0])).toBe('aba');
    }
  });
});
