import { defineConfig } from 'tsup';

// Library entries: `index` is platform-neutral (no `node:` imports, safe for browsers and
// bundlers); `runtime` is its tokenizer part alone (faster to import); `node` adds file loading,
// worker threads and the Hub cache; `morph-worker` and
// `encode-worker` are the analyser's and the encoder's thread entries, found beside dist/node.js at
// run time. The CLI is ESM-only.
export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      node: 'src/node.ts',
      runtime: 'src/runtime.ts',
      'morph-worker': 'src/morph/worker.ts',
      'encode-worker': 'src/tokenizer/encode-worker.ts',
      'count-worker': 'src/train/count-worker.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node18',
    splitting: false,
  },
  {
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node18',
    sourcemap: true,
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    // The playground page's script: the platform-neutral core bundled for browsers (served by
    // `mbbpe playground`, never imported by Node).
    entry: { 'playground/app': 'src/playground/app.ts' },
    format: ['esm'],
    platform: 'browser',
    target: 'es2020',
    minify: true,
    sourcemap: false,
  },
]);
