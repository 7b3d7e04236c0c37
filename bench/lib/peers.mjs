// One adapter per peer: how to load it (timed as cold start) and how to encode one text, encode a
// batch, and decode. Every peer gets the Polyglot-Ko vocabulary; the tiktoken family reads the rank
// files our exportTiktoken wrote to bench/out/ (so the benchmark exercises the export too).

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { outDir, repoRoot, sharedPath, TOKENIZER_CONFIG, TOKENIZER_JSON } from './workloads.mjs';

/** A peer that cannot run in this checkout (not built, export refused, …): reported, not a crash. */
export class Unavailable extends Error {}

export const EXPORT_NAME = 'polyglot-ko';
const exportFile = (suffix) => {
  const p = resolve(outDir, `${EXPORT_NAME}${suffix}`);
  if (!existsSync(p)) throw new Unavailable(`no exported ranks (${p}): the export step did not run`);
  return p;
};

/** Our built package: dist/ of this checkout, or BENCH_DIST_DIR to benchmark another build. */
export const distDir = process.env.BENCH_DIST_DIR ? resolve(process.env.BENCH_DIST_DIR) : resolve(repoRoot, 'dist');

/** Writes the tiktoken-family rank files from `ex` = our exportTiktoken's result (`mod` = dist/index.js). */
export function writeTiktokenRanks(mod, ex) {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(resolve(outDir, `${EXPORT_NAME}.tiktoken`), ex.rankFile);
  writeFileSync(resolve(outDir, `${EXPORT_NAME}.tiktoken.json`), JSON.stringify({ name: EXPORT_NAME, pat_str: ex.pattern, special_tokens: ex.specialTokens }));
  writeFileSync(resolve(outDir, `${EXPORT_NAME}.js-tiktoken.json`), JSON.stringify(mod.jsTiktokenRanks(ex)));
}

/** For the one-process benches: the rank files, exported from dist/ when bench/out lacks them. */
export async function ensureTiktokenRanks() {
  if (existsSync(resolve(outDir, `${EXPORT_NAME}.tiktoken`))) return;
  const mod = await import(pathToFileURL(resolve(distDir, 'index.js')).href);
  writeTiktokenRanks(mod, mod.exportTiktoken(JSON.parse(readFileSync(sharedPath(TOKENIZER_JSON), 'utf8'))));
}

async function importDist(file) {
  const p = resolve(distDir, file);
  if (!existsSync(p)) throw new Unavailable('not built (run npm run build)');
  return import(pathToFileURL(p).href);
}

const utf8Decoder = new TextDecoder();

/** A peer over one of our worker-pool methods; `ids` takes one result to its ids. */
async function oursWorkers(imported, method, ids) {
  const mod = await importDist('node.js');
  imported();
  // NodeTokenizer since issue 16 (one Tokenizer class across entries); Tokenizer in older builds.
  const tok = (mod.NodeTokenizer ?? mod.Tokenizer)?.fromFile?.(sharedPath(TOKENIZER_JSON));
  if (!tok || typeof tok[method] !== 'function') throw new Unavailable(`not built (no Tokenizer#${method} in dist/node.js yet)`);
  return {
    async: true,
    encode: async (t) => ids((await tok[method]([t]))[0]),
    encodeBatch: async (texts) => (await tok[method](texts)).map(ids),
    decode: (x) => tok.decode(x),
    close: () => tok.close?.(),
  };
}

function oursApi(tok) {
  // An ids-only entry point is what the throughput targets are about; fall back to encode().ids.
  const encode = typeof tok.encodeIds === 'function' ? (t) => tok.encodeIds(t) : (t) => tok.encode(t).ids;
  return { encode, decode: (ids) => tok.decode(ids) };
}

// Each loader returns { encode, async?, encodeBatch?, decode, decodeAsync? }; encode returns an
// array-like of ids (a Promise when async is true). Loaders call `imported()` right after importing
// their library, so cold start splits into import / load (files, tables) / first encode.
export const PEERS = {
  // From the tokenizer.json's bytes, as Tokenizer.fromFile reads it (the fast loader; text would add a
  // UTF-8 decode of the whole file), through `mbbpe/runtime` (the tokenizer without the other areas).
  async ours(imported) {
    const mod = await importDist('runtime.js');
    imported();
    if (typeof mod.Tokenizer?.fromJSON !== 'function') throw new Unavailable('not built (dist/index.js has no Tokenizer yet)');
    return oursApi(mod.Tokenizer.fromJSON(readFileSync(sharedPath(TOKENIZER_JSON))));
  },

  // From the snapshot bench/run.mjs wrote with our toSnapshot (mbbpe export --format snapshot).
  async 'ours-snapshot'(imported) {
    const mod = await importDist('runtime.js');
    imported();
    if (typeof mod.Tokenizer?.prototype?.toSnapshot !== 'function') throw new Unavailable('not built (dist/index.js has no snapshots yet)');
    return oursApi(mod.Tokenizer.fromJSON(readFileSync(exportFile('.mbbpe'))));
  },

  // The worker-thread batch paths of mbbpe/node: whole encodings (like tokenizers-batch), and ids
  // only (Int32Arrays of ids are all that cross threads).
  'ours-batch': (imported) => oursWorkers(imported, 'encodeBatchParallel', (e) => e.ids),
  'ours-ids-batch': (imported) => oursWorkers(imported, 'encodeIdsBatchParallel', (ids) => ids),

  async tokenizers(imported) {
    const { Tokenizer } = await import('tokenizers');
    imported();
    const tok = Tokenizer.fromFile(sharedPath(TOKENIZER_JSON));
    return {
      async: true,
      encode: async (t) => (await tok.encode(t)).getIds(),
      decodeAsync: (ids) => tok.decode(Array.from(ids), false),
    };
  },

  async 'tokenizers-batch'(imported) {
    const { Tokenizer } = await import('tokenizers');
    imported();
    const tok = Tokenizer.fromFile(sharedPath(TOKENIZER_JSON));
    return {
      async: true,
      encode: async (t) => (await tok.encode(t)).getIds(),
      encodeBatch: async (texts) => (await tok.encodeBatch(texts)).map((e) => e.getIds()),
      decodeBatch: (idss) => tok.decodeBatch(idss.map((ids) => Array.from(ids)), false),
    };
  },

  async tiktoken(imported) {
    const { Tiktoken } = await import('tiktoken');
    imported();
    const meta = JSON.parse(readFileSync(exportFile('.tiktoken.json'), 'utf8'));
    const enc = new Tiktoken(readFileSync(exportFile('.tiktoken'), 'utf8'), meta.special_tokens, meta.pat_str);
    return { encode: (t) => enc.encode(t, 'all'), decode: (ids) => utf8Decoder.decode(enc.decode(ids)) };
  },

  async 'js-tiktoken'(imported) {
    const { Tiktoken } = await import('js-tiktoken/lite');
    imported();
    const enc = new Tiktoken(JSON.parse(readFileSync(exportFile('.js-tiktoken.json'), 'utf8')));
    return { encode: (t) => enc.encode(t, 'all'), decode: (ids) => enc.decode(ids) };
  },

  async 'gpt-tokenizer'(imported) {
    const { GptEncoding } = await import('gpt-tokenizer/esm/GptEncoding');
    imported();
    const meta = JSON.parse(readFileSync(exportFile('.tiktoken.json'), 'utf8'));
    // gpt-tokenizer's rank table: index = rank, value = the token as a string when it is valid UTF-8,
    // else its bytes. Ids used by special tokens stay holes.
    const fatal = new TextDecoder('utf-8', { fatal: true });
    const ranks = [];
    for (const line of readFileSync(exportFile('.tiktoken'), 'utf8').split('\n')) {
      if (!line) continue;
      const [b64, rank] = line.split(' ');
      const bytes = Buffer.from(b64, 'base64');
      let value;
      try {
        value = fatal.decode(bytes);
      } catch {
        value = Array.from(bytes);
      }
      ranks[Number(rank)] = value;
    }
    // The constructor is private in gpt-tokenizer's typings; it is the documented shape of its encodings.
    const enc = new GptEncoding({
      bytePairRankDecoder: ranks,
      specialTokensEncoder: new Map(Object.entries(meta.special_tokens)),
      tokenSplitRegex: new RegExp(meta.pat_str, 'gu'),
    });
    const opts = { allowedSpecial: 'all' };
    return { encode: (t) => enc.encode(t, opts), decode: (ids) => enc.decode(ids) };
  },

  async 'transformers-js'(imported) {
    const { Tokenizer } = await import('@huggingface/tokenizers');
    imported();
    const tok = new Tokenizer(JSON.parse(readFileSync(sharedPath(TOKENIZER_JSON), 'utf8')), JSON.parse(readFileSync(sharedPath(TOKENIZER_CONFIG), 'utf8')));
    const dopts = { skip_special_tokens: false, clean_up_tokenization_spaces: false };
    return { encode: (t) => tok.encode(t).ids, decode: (ids) => tok.decode(Array.from(ids), dopts) };
  },
};

export const PEER_NAMES = Object.keys(PEERS);
