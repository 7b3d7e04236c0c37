// One peer in its own process (spawned by bench/run.mjs): cold start (load + first encode) and RSS
// first, then the ids check against the reference sample, then — only if the ids match — warm
// throughput per workload, decode, pass-1 vs pass-N stability and heap over many encodes.
// Prints one `@@RESULT {json}` line on stdout. Not a library: no exports.

import { readFileSync } from 'node:fs';
import { PEERS, Unavailable } from './lib/peers.mjs';
import { loadWorkload, utf8 } from './lib/workloads.mjs';

const FIRST_TEXT = '안녕하세요, 반갑습니다. Polyglot-Ko 토크나이저 벤치마크입니다.';
const opts = JSON.parse(process.argv[2]);
// run.mjs starts this file with --expose-gc: RSS and the heap check sample after a forced full GC.
// Without it those figures would count garbage, so the result says so and the table shows no heap.
const gcExposed = typeof globalThis.gc === 'function';
const gc = gcExposed ? globalThis.gc : () => {};
const mb = (bytes) => bytes / 1e6;
const result = { peer: opts.peer, gcExposed };
// Wall time per phase, so a slow --quick run shows where its time goes (run.mjs logs it).
const phaseStart = { t: performance.now() };
result.phaseMs = {};
const phaseDone = (name) => {
  const now = performance.now();
  result.phaseMs[name] = Math.round(now - phaseStart.t);
  phaseStart.t = now;
};

function emit() {
  process.stdout.write(`@@RESULT ${JSON.stringify(result)}\n`);
}

// ---- cold start: nothing else has run in this process yet -----------------------------------------
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
let peer;
let tImported = NaN;
let tLoaded = NaN;
try {
  peer = await PEERS[opts.peer](() => (tImported = performance.now()));
  tLoaded = performance.now();
  const first = peer.async ? await peer.encode(FIRST_TEXT) : peer.encode(FIRST_TEXT);
  if (!first || first.length === 0) throw new Error('first encode returned no ids');
} catch (e) {
  result.unavailable = e instanceof Unavailable ? e.message : `failed to load: ${e?.message ?? e}`;
  emit();
  process.exit(0);
}
result.coldMs = performance.now() - t0;
result.coldParts = { importMs: tImported - t0, loadMs: tLoaded - tImported, firstEncodeMs: t0 + result.coldMs - tLoaded };
result.sinceProcessStartMs = performance.now();
gc();
result.rssMB = mb(process.memoryUsage().rss);
result.rssBeforeLoadMB = mb(rssBefore);
phaseDone('load');

// ---- encode helpers -----------------------------------------------------------------------------
const BATCH_BYTES = 2e6;

function chunks(texts) {
  const out = [];
  let cur = [];
  let bytes = 0;
  for (const t of texts) {
    cur.push(t);
    bytes += utf8(t);
    if (bytes >= BATCH_BYTES) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

/**
 * Encodes texts in order until all are done or `budgetS` seconds have passed (checked every few
 * texts). Returns how many texts were encoded, their UTF-8 bytes, the seconds taken and, when
 * `keep`, their ids. Batch peers go by ~2 MB chunks.
 */
async function encodeAll(texts, keep, budgetS = Infinity) {
  const kept = keep ? [] : null;
  const t0 = performance.now();
  const deadline = t0 + budgetS * 1000;
  let n = 0;
  if (peer.encodeBatch) {
    for (const c of chunks(texts)) {
      const idss = await peer.encodeBatch(c);
      if (kept) kept.push(...idss);
      n += c.length;
      if (performance.now() > deadline) break;
    }
  } else if (peer.async) {
    while (n < texts.length) {
      const ids = await peer.encode(texts[n++]);
      if (kept) kept.push(ids);
      if ((n & 63) === 0 && performance.now() > deadline) break;
    }
  } else {
    const encode = peer.encode;
    while (n < texts.length) {
      const ids = encode(texts[n++]);
      if (kept) kept.push(ids);
      if ((n & 15) === 0 && performance.now() > deadline) break;
    }
  }
  const secs = (performance.now() - t0) / 1000;
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes += utf8(texts[i]);
  return { kept, n, bytes, secs };
}

async function decodeAll(idss) {
  if (peer.decodeBatch) {
    for (let i = 0; i < idss.length; i += 1000) await peer.decodeBatch(idss.slice(i, i + 1000));
  } else if (peer.decodeAsync) {
    for (const ids of idss) await peer.decodeAsync(ids);
  } else {
    for (let i = 0; i < idss.length; i++) peer.decode(idss[i]);
  }
}

async function timed(f) {
  const t = performance.now();
  await f();
  return (performance.now() - t) / 1000;
}

// ---- correctness before any timing --------------------------------------------------------------
const reference = JSON.parse(readFileSync(opts.referenceFile, 'utf8'));
result.checked = 0;
for (const [workload, sample] of Object.entries(reference.samples)) {
  const got = (await encodeAll(sample.texts, true)).kept;
  let bad = 0;
  let example = null;
  sample.ids.forEach((want, i) => {
    const ids = got[i];
    const same = ids.length === want.length && want.every((id, j) => ids[j] === id);
    if (!same) {
      bad++;
      example ??= sample.texts[i].slice(0, 60);
    }
  });
  result.checked += sample.texts.length;
  if (bad > 0) {
    result.mismatch = { workload, mismatched: bad, of: sample.texts.length, example };
    emit();
    process.exit(0);
  }
}
phaseDone('check');

// ---- warm throughput, decode --------------------------------------------------------------------
result.workloads = {};
for (const name of opts.workloads) {
  const { texts, bytes } = loadWorkload(name, opts.mb);
  // Warm-up on the head of the workload (JIT, caches), not timed.
  let warmBytes = 0;
  const warm = [];
  for (const t of texts) {
    const room = opts.warmMb * 1e6 - warmBytes;
    if (room <= 0) break;
    // A text longer than the warm-up (a 1 MB string in --quick) warms on its head only: encoding
    // all of it would double that workload's time for the slow peers.
    const b = utf8(t);
    const piece = b > room ? t.slice(0, Math.ceil((t.length * room) / b)) : t;
    warm.push(piece);
    warmBytes += b > room ? room : b;
  }
  await encodeAll(warm, false);
  const keepForDecode = name !== 'precedents-1mb';
  const run = await encodeAll(texts, keepForDecode, opts.budgetS);
  const w = { MB: mb(bytes), texts: texts.length, encodedMB: mb(run.bytes), encodedTexts: run.n, encodeMBps: mb(run.bytes) / run.secs };
  let idss = run.kept;
  if (keepForDecode && (peer.decode || peer.decodeAsync || peer.decodeBatch)) {
    // Decode the ids of the first decodeMb of text; MB counts the text those ids stand for.
    let n = 0;
    let dbytes = 0;
    while (n < idss.length && dbytes < opts.decodeMb * 1e6) dbytes += utf8(texts[n++]);
    const part = idss.slice(0, n);
    // Warm-up: one whole untimed pass, for every peer alike. 2,000 rows left both ours and
    // gpt-tokenizer re-optimizing during the first timed pass (a one-process replay showed it).
    await decodeAll(part);
    // The median of several passes: one pass over 5 MB lasts 20-60 ms for the fast peers, where one
    // GC or a neighbour's burst on a shared machine moved single figures by ±30%.
    const rates = [];
    for (let p = 0; p < Math.max(1, opts.decodePasses ?? 1); p++) rates.push(mb(dbytes) / (await timed(() => decodeAll(part))));
    rates.sort((a, b) => a - b);
    w.decodeMBps = rates[rates.length >> 1];
    w.decodePassesMBps = rates;
  }
  idss = null;
  result.workloads[name] = w;
  gc();
  phaseDone(name);
}

// ---- stability: the same text N times, first vs last pass --------------------------------------
// The text starts after the throughput workload's, so pass 1 meets it fresh (caches filling) as a
// long run would; a cache that degrades as it fills shows as last/first well below 100%.
if (opts.stabilityPasses > 1) {
  let { texts } = loadWorkload('nsmc-lines', opts.stabilityMb, opts.mb);
  // Pass 1 may stop at the time budget; every later pass then encodes exactly the same texts.
  const first = await encodeAll(texts, false, opts.budgetS);
  texts = texts.slice(0, first.n);
  const passes = [mb(first.bytes) / first.secs];
  for (let p = 1; p < opts.stabilityPasses; p++) {
    const r = await encodeAll(texts, false);
    passes.push(mb(r.bytes) / r.secs);
  }
  // requestedMB: the table flags a pass 1 cut short by the budget instead of silently comparing less.
  result.stability = { MB: mb(first.bytes), requestedMB: opts.stabilityMb, passesMBps: passes, lastOverFirst: passes.at(-1) / passes[0] };
  phaseDone('stability');
}

// ---- heap over many encodes ---------------------------------------------------------------------
// Heap = V8 heapUsed + external (WASM memory and Buffers live outside the V8 heap; a napi library's
// Rust allocations show only in RSS), sampled after a forced full GC. A bounded cache that is
// cleared when full (ours: a word cache reset at 100k entries) makes single samples swing by ±10 MB
// depending on where in its fill cycle they land, so each quarter is summarised by the peak of
// several samples (8 per quarter leave ~2 MB of sampling error on ours' 30 MB sawtooth over 100k
// encodes): a stable peer's peaks stay level, a leak's keep rising. Quarter 1 is the
// baseline: garbage left by the earlier phases is gone by then and caches have met this text.
if (opts.heapEncodes > 0 && gcExposed) {
  const { texts } = loadWorkload('nsmc-lines', opts.heapSourceMb, opts.mb + opts.stabilityMb);
  const SAMPLES_PER_QUARTER = opts.heapSamplesPerQuarter;
  const slices = 4 * SAMPLES_PER_QUARTER;
  const heapNow = () => {
    // Two GCs: Buffers and other external memory are released by callbacks after the first, so
    // one GC left the first sample ~2 MB high on every peer (growth then read -2 MB everywhere).
    gc();
    gc();
    const m = process.memoryUsage();
    return { heap: m.heapUsed + m.external, rss: m.rss };
  };
  const peaks = [];
  const all = [];
  let rssAtBaseline = 0;
  let last;
  for (let s = 0; s < slices; s++) {
    const from = Math.floor((s * opts.heapEncodes) / slices);
    const to = Math.floor(((s + 1) * opts.heapEncodes) / slices);
    const part = [];
    for (let i = from; i < to; i++) part.push(texts[i % texts.length]);
    await encodeAll(part, false);
    last = heapNow();
    all.push(mb(last.heap));
    const q = Math.floor(s / SAMPLES_PER_QUARTER);
    peaks[q] = Math.max(peaks[q] ?? 0, last.heap);
    if (s === SAMPLES_PER_QUARTER - 1) rssAtBaseline = last.rss;
  }
  // High-water mark: the highest heap seen up to the end of each quarter. A cache reset cycle can
  // be longer than a quarter (ours: ~44k encodes), so a quarter without a reset peak would read
  // -4 MB; the running maximum reads 0 for a bounded cache and rises with a leak.
  const highWater = peaks.map((_, q) => Math.max(...peaks.slice(0, q + 1)));
  result.heap = {
    encodes: opts.heapEncodes,
    heapGrowthMB: highWater.slice(1).map((p) => mb(p - peaks[0])),
    quarterPeakGrowthMB: peaks.slice(1).map((p) => mb(p - peaks[0])), // in latest.json only
    heapMB: mb(peaks[0]),
    samplesMB: all, // every sample, in latest.json only
    rssGrowthMB: mb(last.rss - rssAtBaseline),
  };
  phaseDone('heap');
}

emit();
process.exit(0); // napi thread pools can keep the process alive
