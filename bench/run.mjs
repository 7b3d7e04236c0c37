// `npm run bench`: runs our runtime and every peer — tokenizers (napi, per line and encodeBatch),
// tiktoken (WASM), js-tiktoken, gpt-tokenizer, @huggingface/tokenizers — one at a time, each in a
// fresh process, on the same ../shared/corpora inputs, after checking each one's ids against the
// reference; prints one table. See bench/README.md for the options and what each figure means.

import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { distDir, EXPORT_NAME, PEER_NAMES, writeTiktokenRanks } from './lib/peers.mjs';
import { formatTables } from './lib/report.mjs';
import { loadWorkload, outDir, repoRoot, sampleOf, sharedPath, TOKENIZER_JSON, WORKLOADS } from './lib/workloads.mjs';

const USAGE = `usage: npm run bench -- [--quick] [--peers a,b] [--workloads a,b] [--mb N] [options]

  --quick               0.5 MB per line workload (one 1 MB string), short check/stability/heap runs
  --peers LIST          peers to run (default: all): ${PEER_NAMES.join(', ')}
  --workloads LIST      workloads (default: all): ${WORKLOADS.join(', ')}
  --mb N                MB of input per workload (default 20; quick 0.5); precedents-1mb takes
                        at least one 1 MB string
  --stability-mb N      MB encoded per stability pass, fresh text after the workload's
                        (default 20; quick 0.1)
  --passes N            stability passes, first vs last compared (default 5; quick 3; 0 = skip)
  --heap-encodes N      encodes for the heap check (default 100000; quick 1000; 0 = skip)
  --decode-mb N         MB of text decoded per line workload (default 5; quick 0.25)
  --decode-passes N     decode passes per line workload, the median shown (default 5; quick 1)
  --sample N            texts per line workload checked against the reference first (default 1000;
                        quick 200); the 1 MB-string workload checks two strings (quick: a 100k-char prefix)
  --long-peers LIST     peers that also get the stability and heap runs (default: all)
  --budget S            seconds per timed pass: a slower peer stops there and its MB/s is over the
                        text it reached (marked *); also caps stability pass 1 (default 60; quick 3)
  --timeout S           seconds before a peer is stopped (default 1800)`;

function options() {
  const { values: v } = parseArgs({
    options: {
      quick: { type: 'boolean' },
      peers: { type: 'string' },
      workloads: { type: 'string' },
      mb: { type: 'string' },
      'stability-mb': { type: 'string' },
      passes: { type: 'string' },
      'heap-encodes': { type: 'string' },
      'decode-mb': { type: 'string' },
      'decode-passes': { type: 'string' },
      sample: { type: 'string' },
      timeout: { type: 'string' },
      budget: { type: 'string' },
      'long-peers': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (v.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const q = Boolean(v.quick);
  const num = (k, dflt) => {
    if (v[k] === undefined) return dflt;
    const n = Number(v[k]);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${k}: expected a number >= 0, got '${v[k]}'`);
    return n;
  };
  const list = (k, all) => {
    if (!v[k]) return all;
    const items = v[k].split(',').map((s) => s.trim()).filter(Boolean);
    for (const it of items) if (!all.includes(it)) throw new Error(`--${k}: unknown '${it}' (known: ${all.join(', ')})`);
    return items;
  };
  const mb = num('mb', q ? 0.5 : 20);
  const stabilityMb = num('stability-mb', q ? 0.1 : 20);
  const heapEncodes = num('heap-encodes', q ? 1000 : 100_000);
  return {
    quick: q,
    peers: list('peers', PEER_NAMES),
    longPeers: list('long-peers', PEER_NAMES),
    workloads: list('workloads', WORKLOADS),
    mb,
    warmMb: Math.min(2, mb / 20),
    stabilityMb,
    stabilityPasses: num('passes', q ? 3 : 5),
    heapEncodes,
    // NSMC lines average 87 bytes: 120 bytes per encode gives every encode a text of its own (so
    // caches keep meeting new words, as in a long run), within the 61.8 MB of NSMC left after the
    // throughput and stability text; past that the texts repeat.
    heapSourceMb: Math.max(0.1, Math.min(heapEncodes * 1.2e-4, 61.5 - mb - stabilityMb)),
    // Heap samples per quarter (each costs two full GCs): enough to catch a cache's peak in a full
    // run, few in --quick where 1,000 encodes are a smoke test.
    heapSamplesPerQuarter: q ? 2 : 8,
    decodeMb: Math.min(num('decode-mb', q ? 0.25 : 5), mb),
    decodePasses: num('decode-passes', q ? 1 : 5),
    sample: num('sample', q ? 200 : 1000),
    // Quick: 0.5 MB takes the slowest peers (~0.4 MB/s) 1.3 s on an idle machine; 3 s bounds a
    // busy one (a cut pass is marked *), keeping --quick under a minute.
    budgetS: num('budget', q ? 3 : 60),
    timeoutS: num('timeout', 1800),
  };
}

/** Writes the tiktoken-family rank files with OUR exportTiktoken (from dist/); returns a note. */
async function exportRanks() {
  // Never let the tiktoken peers run on ranks left over from an earlier build.
  for (const suffix of ['.tiktoken', '.tiktoken.json', '.js-tiktoken.json', '.mbbpe']) rmSync(resolve(outDir, `${EXPORT_NAME}${suffix}`), { force: true });
  let mod;
  try {
    mod = await import(pathToFileURL(resolve(distDir, 'index.js')).href);
  } catch (e) {
    return `${distDir}/index.js not loadable (${e.code ?? e.message}): tiktoken peers get no ranks (run npm run build)`;
  }
  if (typeof mod.exportTiktoken !== 'function') return 'dist/index.js has no exportTiktoken: rebuild';
  const t = performance.now();
  const ex = mod.exportTiktoken(JSON.parse(readFileSync(sharedPath(TOKENIZER_JSON), 'utf8')));
  const ms = performance.now() - t;
  writeTiktokenRanks(mod, ex);
  // The snapshot for the ours-snapshot peer, made from the same tokenizer.json.
  if (typeof mod.Tokenizer?.prototype?.toSnapshot === 'function') {
    writeFileSync(resolve(outDir, `${EXPORT_NAME}.mbbpe`), mod.Tokenizer.fromJSON(readFileSync(sharedPath(TOKENIZER_JSON))).toSnapshot());
  }
  return `ranks exported by our exportTiktoken in ${ms.toFixed(0)} ms (${ex.stats.mergeableTokens} ranks)`;
}

/** Reference ids (Hugging Face tokenizers, napi) for a spread sample of each workload. */
async function referenceSample(o) {
  const { Tokenizer } = await import('tokenizers');
  const tok = Tokenizer.fromFile(sharedPath(TOKENIZER_JSON));
  const samples = {};
  for (const w of o.workloads) {
    let texts = sampleOf(loadWorkload(w, o.mb).texts, w === 'precedents-1mb' ? 2 : o.sample);
    // Quick mode checks a 100k-character prefix of the first long string: still one long input.
    if (w === 'precedents-1mb' && o.quick) texts = [texts[0].slice(0, 100_000)];
    const encs = await tok.encodeBatch(texts);
    samples[w] = { texts, ids: encs.map((e) => e.getIds()) };
  }
  const file = resolve(outDir, 'reference-sample.json');
  writeFileSync(file, JSON.stringify({ reference: 'tokenizers@0.23.2 (napi)', samples }));
  return file;
}

function runPeer(peer, o, referenceFile) {
  const long = o.longPeers.includes(peer);
  const args = JSON.stringify({ ...o, peer, referenceFile, stabilityPasses: long ? o.stabilityPasses : 0, heapEncodes: long ? o.heapEncodes : 0 });
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--expose-gc', resolve(repoRoot, 'bench/peer.mjs'), args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutS * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.split('\n').find((l) => l.startsWith('@@RESULT '));
      if (line) return done(JSON.parse(line.slice(9)));
      done({ peer, crashed: signal ? `stopped by ${signal} (timeout ${o.timeoutS}s?)` : `exit ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}` });
    });
  });
}

let o;
try {
  o = options();
} catch (e) {
  console.error(`bench: ${e.message}\n\n${USAGE}`);
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const started = new Date();
const t0 = performance.now();
const log = (s) => process.stderr.write(`[bench] ${s}\n`);
log(`${started.toISOString()} node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1e9).toFixed(1)} GB`);
log(`workloads ${o.workloads.join(', ')} at ${o.mb} MB; peers ${o.peers.join(', ')}`);
log(await exportRanks());
const tRef = performance.now();
const referenceFile = await referenceSample(o);
log(`reference sample written in ${((performance.now() - tRef) / 1000).toFixed(1)} s (${referenceFile})`);

const results = [];
for (const peer of o.peers) {
  const t = performance.now();
  log(`running ${peer} …`);
  const r = await runPeer(peer, o, referenceFile);
  const phases = Object.entries(r.phaseMs ?? {}).map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)}`).join(', ');
  log(`${peer} done in ${((performance.now() - t) / 1000).toFixed(1)} s${phases ? ` (${phases})` : ''}`);
  results.push(r);
}

const table = formatTables(results, o.workloads);
const cmd = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
console.log(`\n${cmd}\n${started.toISOString()} · node ${process.version} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}\n\n${table}\n`);
const wallS = (performance.now() - t0) / 1000;
console.log(`total wall time ${wallS.toFixed(1)} s (${o.peers.length} peer${o.peers.length === 1 ? '' : 's'}, one process each)`);
const record = { command: cmd, date: started.toISOString(), node: process.version, cpus: cpus().map((c) => c.model), wallS, options: o, results };
writeFileSync(resolve(outDir, 'latest.json'), JSON.stringify(record, null, 2));
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1e9).toFixed(1)} GB, node ${process.version}`;
writeFileSync(resolve(outDir, 'latest.md'), `Command: \`${cmd}\`  \nDate: ${started.toISOString()}  \nMachine: ${machine}\n\n${formatTables(results, o.workloads, true)}\n`);
log(`tables also written to bench/out/latest.md (Markdown) and bench/out/latest.json`);
process.exit(0); // the napi reference keeps threads alive
