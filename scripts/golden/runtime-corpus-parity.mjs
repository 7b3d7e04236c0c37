#!/usr/bin/env node
// Generates test/runtime/golden/corpus-parity.json: for every line of every file in ../shared/corpora
// and for both reference vocabularies, the Hugging Face `tokenizers` (Rust, npm binding) output —
// ids, tokens, code-point offsets and decode(ids) — hashed per chunk of lines. The default test run
// recomputes the same hashes with mbbpe and compares; MBBPE_LIVE_PARITY=1 compares live instead.
//
// usage: node scripts/golden/runtime-corpus-parity.mjs   (takes a few minutes; needs ../shared)

import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { Tokenizer } = require('tokenizers');
const refVersion = require('tokenizers/package.json').version;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = resolve(root, '../shared');
export const CHUNK = 2000;
export const VOCABS = ['polyglot-ko', 'mbbpe-2022-07'];

/** Every corpus file, relative to ../shared, sorted. */
export function corpusFiles() {
  const out = [];
  for (const d of readdirSync(join(shared, 'corpora')).sort()) {
    for (const f of readdirSync(join(shared, 'corpora', d)).sort()) {
      if (f.endsWith('.txt') && !f.startsWith('LICENSE')) out.push(`corpora/${d}/${f}`);
    }
  }
  return out;
}

/** Lines of a file as the parity suites see them: split on \n, no final empty line. */
export function linesOf(text) {
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

async function main() {
  const out = { reference: `tokenizers@${refVersion} (npm, Hugging Face Rust via napi)`, generated: new Date().toISOString(), chunk: CHUNK, record: 'JSON.stringify([ids, tokens, offsets(code points), decode(ids)]) + "\\n" per line, sha256 per chunk', files: {} };
  for (const vocab of VOCABS) {
    const tok = Tokenizer.fromFile(join(shared, 'vocab', vocab, 'tokenizer.json'));
    for (const rel of corpusFiles()) {
      const buf = readFileSync(join(shared, rel));
      const lines = linesOf(buf.toString('utf8'));
      const hashes = [];
      for (let c = 0; c < lines.length; c += CHUNK) {
        const part = lines.slice(c, c + CHUNK);
        const encs = await tok.encodeBatch(part);
        const ids = encs.map((e) => e.getIds());
        const decs = await tok.decodeBatch(ids, false);
        const h = createHash('sha256');
        encs.forEach((e, i) => h.update(JSON.stringify([ids[i], e.getTokens(), e.getOffsets(), decs[i]]) + '\n'));
        hashes.push(h.digest('hex').slice(0, 16));
      }
      const key = `${vocab}:${rel}`;
      out.files[key] = { sha256: createHash('sha256').update(buf).digest('hex'), lines: lines.length, chunks: hashes };
      process.stderr.write(`${key}: ${lines.length} lines\n`);
    }
  }
  mkdirSync(join(root, 'test/runtime/golden'), { recursive: true });
  writeFileSync(join(root, 'test/runtime/golden/corpus-parity.json'), JSON.stringify(out, null, 1) + '\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
