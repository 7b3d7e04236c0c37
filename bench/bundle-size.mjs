// What a browser app pays to ship each tokenizer library's code: every export of the entry bundled by
// esbuild (minified, platform browser, ESM), then gzip -9 — raw and gzip bytes. Vocabularies are
// not included where the library loads them at run time (mbbpe, tokenizers.js, gpt-tokenizer's
// GptEncoding); gpt-tokenizer's default entry embeds its o200k ranks, so it is listed apart.
// `mbbpe/runtime` is bundled from the built file package.json "exports" names: run `npm run build`
// first. Usage: node bench/bundle-size.mjs [--json]

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The ESM file the package's "exports" give for `sub` ('.' or './runtime'). */
export function ownEntry(sub) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  let t = pkg.exports[sub];
  while (t && typeof t === 'object') t = t.browser ?? t.import ?? t.default;
  if (typeof t !== 'string') throw new Error(`package.json exports has no ESM file for ${sub}`);
  return join(root, t);
}

/** Minified browser bundle of everything `spec` exports; sizes in bytes. */
export async function bundleSize(spec) {
  const out = await build({
    stdin: { contents: `export * from ${JSON.stringify(spec)};`, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  const code = out.outputFiles[0].contents;
  return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

// Read from node_modules directly: not every package exports its package.json.
const version = (name) => JSON.parse(readFileSync(name === 'mbbpe' ? join(root, 'package.json') : join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

export function targets() {
  return [
    { name: 'mbbpe/runtime', version: version('mbbpe'), spec: ownEntry('./runtime'), note: 'load, encode, decode, snapshots' },
    { name: 'mbbpe (whole platform-neutral entry)', version: version('mbbpe'), spec: ownEntry('.'), note: 'plus analyser, trainer, cleaner, Hub' },
    { name: '@huggingface/tokenizers (tokenizers.js)', version: version('@huggingface/tokenizers'), spec: '@huggingface/tokenizers', note: 'tokenizer.json runtime' },
    { name: 'gpt-tokenizer/GptEncoding', version: version('gpt-tokenizer'), spec: 'gpt-tokenizer/GptEncoding', note: 'code only, ranks passed in' },
    { name: 'gpt-tokenizer (default entry)', version: version('gpt-tokenizer'), spec: 'gpt-tokenizer', note: 'embeds o200k_base ranks' },
  ];
}

async function main() {
  const rows = [];
  for (const t of targets()) rows.push({ ...t, ...(await bundleSize(t.spec)) });
  if (process.argv.includes('--json')) {
    process.stdout.write(JSON.stringify(rows.map(({ spec, ...r }) => r), null, 2) + '\n');
    return;
  }
  const kb = (n) => (n / 1024).toFixed(1);
  process.stdout.write(`esbuild ${(await import('esbuild')).version}, minify, platform browser, ESM; gzip -9. Node ${process.version}\n\n`);
  process.stdout.write('| bundle | version | minified kB | gzip kB | |\n| --- | --- | ---: | ---: | --- |\n');
  for (const r of rows) process.stdout.write(`| ${r.name} | ${r.version} | ${kb(r.raw)} | ${kb(r.gzip)} | ${r.note} |\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await main();
