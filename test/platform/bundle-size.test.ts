// Size guard (not a timing test): `mbbpe/runtime`, bundled for a browser the way bench/bundle-size.mjs
// does it (esbuild, minified, platform browser, every export kept), stays under a recorded gzip
// budget. The budget is the size measured when it was set plus a little slack: GROWTH NEEDS A
// REASON — if this fails, either shrink the change or raise the budget in the same commit, saying
// what the bytes buy (and update the table in bench/RESULTS.md from `node bench/bundle-size.mjs`).

import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared.js';
import { entryFile } from './support.js';

// History (gzip bytes of the bundle; minified in brackets):
// - 31,407 (105,360): first recorded, 2026-12-03. About 35 kB minified are the Unicode class tables
//   that make `\p{…}` / `\s` match Rust regex rather than V8 (src/text).
// - 33,127 (110,068): pair encoding, per-call truncation/padding and post-processor orchestration
//   (src/tokenizer/encode.ts, src/decoders/decode-ids.ts, processors; issue 14's LLM seam).
// - 34,296 (113,372): `encode(text, { morphemes })` and `tokenText(id)` (src/tokenizer/morpheme-aware.ts
//   1.8 kB, src/eval/pieces.ts 1.2 kB minified, now reached from the runtime).
// - 37,827: strict option checking (src/tokenizer/check-options.ts), `call`/`countTokens`/
//   `isWithinTokenLimit` (src/tokenizer/call.ts), `splitSpecialTokens`/`disallowedSpecial` (issue 13).
// 38,500 until 2026-12-03 (38,497 bytes measured at 0acd203). Raised to 42,000 when the encode hot
// path and decode were rebuilt (40,840 bytes, +2.3 kB gzip / +6.3 kB minified): the typed-array word
// cache (src/tokenizer/word-table.ts), the piece buffer, the pair filter, and the flat-string decoder
// (src/decoders/utf16-text.ts, utf8-lossy.ts) — 1.4-1.7x encode, 4x decode (bench/RESULTS.md).
const BUDGET_GZIP_BYTES = 42_000;

describe('browser bundle size of mbbpe/runtime', () => {
  it(`stays under ${BUDGET_GZIP_BYTES} bytes gzip`, async () => {
    const out = await build({
      stdin: { contents: `export * from ${JSON.stringify(entryFile('mbbpe/runtime'))};`, resolveDir: repoRoot, loader: 'js' },
      bundle: true,
      minify: true,
      write: false,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.contents;
    const gzip = gzipSync(code, { level: 9 }).length;
    process.stderr.write(`[bundle size] mbbpe/runtime: ${code.length} bytes minified, ${gzip} gzip (budget ${BUDGET_GZIP_BYTES})\n`);
    expect(gzip).toBeLessThan(BUDGET_GZIP_BYTES);
    // A sanity floor: an empty or broken bundle must not pass as "small".
    expect(gzip).toBeGreaterThan(10_000);
  });
});
