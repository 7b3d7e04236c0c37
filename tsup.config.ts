import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Library entries: `index` is platform-neutral (no `node:` imports, safe for browsers and
// bundlers); `runtime` is its tokenizer part alone (faster to import); `node` adds file loading,
// worker threads and the Hub cache; `morph-worker` and `encode-worker` are the analyser's and the
// encoder's thread entries, found in dist/ by src/worker-script.ts.
//
// One ESM build with code splitting: every source module lands in exactly one file, and the entries
// import the chunks they share, so `mbbpe`, `mbbpe/node` and `mbbpe/runtime` hand out the same class
// objects (issue 16 §1; test/package/identity.test.ts). The CLI is in the same build so it shares
// those chunks instead of carrying a copy of its own. The CJS files are derived from the ESM ones
// afterwards, file for file (scripts/post-build.mjs says why not tsup's CJS splitting); the workers
// stay ESM only (a Worker loads an ESM file from either format). ESM and CJS are still two module
// graphs — the dual-package hazard. No source maps: bench/RESULTS.md "Package contents" has the figures and why.
const dtsEntries = { index: 'src/index.ts', node: 'src/node.ts', runtime: 'src/runtime.ts' };

// Clean once here, not with tsup's `clean` (each config would clean, racing the other's output).
rmSync('dist', { recursive: true, force: true });

export default defineConfig([
  {
    entry: {
      ...dtsEntries,
      'morph-worker': 'src/morph/worker.ts',
      'encode-worker': 'src/tokenizer/encode-worker.ts',
      'count-worker': 'src/train/count-worker.ts',
      'cli/main': 'src/cli/main.ts',
    },
    format: ['esm'],
    target: 'node20',
    splitting: true,
    // Bundled, not imported at run time: Deno and browsers load dist/ files without npm resolution.
    noExternal: ['@huggingface/jinja'],
    // No keepNames (it costs ~20% of encode speed); scripts/post-build.mjs restores the names
    // esbuild changes.
    dts: { entry: dtsEntries },
    esbuildOptions(options) {
      // Shared chunks in dist/chunks/, so dist/ itself lists only the entries.
      options.chunkNames = 'chunks/[name]-[hash]';
    },
    onSuccess: async () => {
      execFileSync(process.execPath, ['scripts/post-build.mjs', 'dist', ...Object.keys(dtsEntries)], { stdio: 'inherit' });
    },
  },
  {
    // Declarations for `require` consumers (.d.cts); the JS comes from the ESM build above.
    entry: dtsEntries,
    format: ['cjs'],
    target: 'node20',
    dts: { entry: dtsEntries, only: true },
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
